package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// writeFileAtomic writes a file through a temporary file in the same folder, renamed into place
// only when everything was written and flushed, so a reader never sees half a file. Without
// force an existing file is left alone (exit 2). On any failure, or when ctx is cancelled (Ctrl+C)
// before the rename, the temporary file is removed and nothing is left behind.
func writeFileAtomic(ctx context.Context, path string, force bool, write func(io.Writer) error) (err error) {
	if _, err := os.Lstat(path); err == nil && !force {
		return existsError(path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return badInput("%s: cannot write here: %v", filepath.Dir(path), unwrapPath(err))
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := place(tmp.Name(), path, force); err != nil {
		return err
	}
	done = true
	return nil
}

// place moves the finished temporary file to path. Without force it links rather than renames,
// so a file that appeared meanwhile is still not replaced; filesystems without hard links fall
// back to a check and a rename.
func place(tmp, path string, force bool) error {
	if force {
		return os.Rename(tmp, path)
	}
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		return os.Remove(tmp)
	case errors.Is(err, fs.ErrExist):
		return existsError(path)
	}
	if _, err := os.Lstat(path); err == nil {
		return existsError(path)
	}
	return os.Rename(tmp, path)
}

func existsError(path string) error {
	return badInput("%s: already exists; use --force to replace it", path)
}
