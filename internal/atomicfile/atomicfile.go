// Package atomicfile is sfpattern's one writer of new files. Every file is first written to a
// hidden temporary file in its own folder and flushed to disk, then linked into place, so a
// reader sees the whole file or none of it, and a file that appeared meanwhile is never replaced
// unless the caller forces it. Files get mode 0644 under the process's umask, like any file the
// user's tools create.
//
// Numbered names (MADR's NNNN-title.md) are claimed atomically: concurrent writers in one folder,
// in one process or many, always end up with distinct numbers.
//
// The package is pure Go over the standard library: no terminal, no Charm package.
package atomicfile

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Mode is the permission a new file asks for; the umask takes its bits away as usual.
const Mode fs.FileMode = 0o644

// hiddenPrefix starts the names of the temporary files and number claims this package leaves in
// a folder while it works. They are hidden so listings and globs of records pass them over.
const hiddenPrefix = ".sfpattern-"

// staleAfter is how old a hidden file must be before a later write removes it as left over by a
// killed run: a live write holds one for milliseconds, so minutes are far beyond any live one.
const staleAfter = 10 * time.Minute

// IsTemporary reports whether a file name is one of the hidden temporary files or number claims
// this package works with. Readers of a folder pass them over: one left by a killed run is
// half a file, not a record.
func IsTemporary(name string) bool { return strings.HasPrefix(name, hiddenPrefix) }

// ErrFolder marks a folder that cannot take the file (missing, not a folder, not writable, or
// impossible to create): the place was wrong rather than the write.
var ErrFolder = errors.New("cannot write in this folder")

// ErrFull reports that every number of a series is taken in the folder.
var ErrFull = errors.New("no free number")

// ExistsError reports that a name is taken and the write was not forced. It matches fs.ErrExist.
type ExistsError struct{ Path string }

// Error names the path that exists.
func (e *ExistsError) Error() string { return e.Path + ": already exists" }

// Is lets errors.Is(err, fs.ErrExist) recognise it.
func (e *ExistsError) Is(target error) bool { return target == fs.ErrExist }

// Options tune a write.
type Options struct {
	// Force replaces an existing file of the same name. It applies to Write only: a numbered
	// name is never replaced, the next number is taken instead.
	Force bool
	// MakeDirs creates the missing folders on the way to the file; when the write fails, the
	// folders it created are removed again, so a failed write leaves no empty folder behind.
	MakeDirs bool
}

// Write writes data to path. Without Force an existing file is left alone and an *ExistsError
// returned, even when the file appeared while data was being written. When ctx is cancelled
// before the file is in place, nothing is left behind and ctx's error is returned.
func Write(ctx context.Context, path string, data []byte, o Options) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := os.Lstat(path); err == nil && !o.Force {
		return &ExistsError{Path: path}
	}
	dir := filepath.Dir(path)
	undo, err := prepare(dir, o.MakeDirs)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			undo()
		}
	}()
	tmp, err := writeTemp(dir, path, data)
	if err != nil {
		return err
	}
	defer removeFiles(tmp) // after a link the temporary name remains; after a rename it is gone
	if err := ctx.Err(); err != nil {
		return err
	}
	if o.Force {
		err = os.Rename(tmp, path)
	} else {
		err = linkNew(tmp, path)
	}
	if err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// prepare makes dir ready for a write: it creates the missing folders when asked (returning the
// function that removes them again) and clears hidden files left by killed runs.
func prepare(dir string, makeDirs bool) (undo func(), err error) {
	undo = func() {}
	if makeDirs {
		created, err := makeDirsUndoably(dir)
		if err != nil {
			return nil, err
		}
		undo = func() { removeDirs(created) }
	}
	cleanStale(dir)
	return undo, nil
}

// makeDirsUndoably creates dir and its missing parents, returning the folders it created itself,
// deepest last. A folder another run creates at the same moment is not counted as ours. Its
// errors name dir, the folder the user asked for, whichever folder on the way failed.
func makeDirsUndoably(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		_, err := os.Stat(d)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, folderError(dir, err)
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	var created []string
	for i := len(missing) - 1; i >= 0; i-- {
		err := os.Mkdir(missing[i], 0o755)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			removeDirs(created)
			return nil, folderError(dir, err)
		}
		created = append(created, missing[i])
	}
	return created, nil
}

// removeDirs removes folders deepest first, stopping at the first that is not empty (another
// writer has put a file there since, and it stays).
func removeDirs(dirs []string) {
	for i := len(dirs) - 1; i >= 0; i-- {
		if os.Remove(dirs[i]) != nil {
			return
		}
	}
}

// cleanStale removes the hidden temporary files and number claims that a killed run left in dir.
// It is best effort: a folder that cannot be listed fails later, at the write, with its reason.
func cleanStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	cutoff := time.Now().Add(-staleAfter)
	for _, e := range entries {
		if !IsTemporary(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(cutoff) {
			removeFiles(filepath.Join(dir, e.Name()))
		}
	}
}

// writeTemp writes data to a new hidden file in dir and flushes it to disk; target only names
// the file in errors.
func writeTemp(dir, target string, data []byte) (string, error) {
	f, err := createHidden(dir, "tmp")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		removeFiles(f.Name())
		return "", fmt.Errorf("%s: %w", target, unwrapPath(err))
	}
	return f.Name(), nil
}

// createHidden creates a new hidden file with a random name in dir; its errors are folder errors.
// It does not use os.CreateTemp, which asks for 0600: the file becomes the user's record, so it
// gets Mode under the umask.
func createHidden(dir, kind string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, hiddenPrefix+kind+"-"+rand.Text())
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, Mode)
		switch {
		case err == nil:
			return f, nil
		case !errors.Is(err, fs.ErrExist):
			return nil, folderError(dir, err)
		}
	}
	return nil, folderError(dir, errors.New("no free temporary name"))
}

// linkNew puts the finished file tmp at path unless path exists. A hard link fails atomically
// when the name is taken; on filesystems without hard links the name is reserved by creating it
// exclusively, and the finished file renamed over that reservation, which is ours alone.
func linkNew(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return &ExistsError{Path: path}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, Mode)
	if errors.Is(err, fs.ErrExist) {
		return &ExistsError{Path: path}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	f.Close()
	if err := os.Rename(tmp, path); err != nil {
		removeFiles(path) // the empty reservation, ours
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	return nil
}

// syncDir flushes a folder's entries, so a linked name survives a crash as the file does. Not
// every platform can sync a folder; the file itself is already on disk, so failure is ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// removeFiles removes files this package made, once the outcome of a write no longer depends on
// them. It is best effort: the write has succeeded or failed with its own error already. A
// hidden file a failed removal leaves is cleared by a later write once it is stale; a name the
// write had reserved or placed stays, as it would after a crash at that moment.
func removeFiles(paths ...string) {
	for _, p := range paths {
		_ = os.Remove(p)
	}
}

func folderError(dir string, err error) error {
	return fmt.Errorf("%s: %w: %w", dir, ErrFolder, unwrapPath(err))
}

// unwrapPath drops the "op path:" prefix of *fs.PathError: the messages name the path already,
// and the temporary file's name means nothing to the user.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
