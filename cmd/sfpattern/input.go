package main

import (
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/sfpattern/sfpattern/rules"
)

// stdinName names standard input ("-") in messages, where a file would be named.
const stdinName = "standard input"

// readInput reads a user-named file ("-" is standard input), refusing directories, missing files
// and anything larger than the engine accepts, with a message that names the path.
func readInput(path string, stdin io.Reader) ([]byte, error) {
	return readInputLimit(path, stdin, rules.MaxFileSize)
}

// readInputLimit is readInput with another size limit, for inputs larger by nature (a portfolio).
func readInputLimit(path string, stdin io.Reader, limit int64) ([]byte, error) {
	if path == "-" {
		return readLimited(stdinName, stdin, limit)
	}
	if _, err := statInput(path, limit); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, badInput("%s: %v", path, unwrapPath(err))
	}
	defer f.Close()
	return readLimited(path, f, limit)
}

// statInput checks a user-named path before it is opened: it exists, is not a folder, and is
// no larger than limit.
func statInput(path string, limit int64) (fs.FileInfo, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, badInput("%s: no such file", path)
	case err != nil:
		return nil, badInput("%s: %v", path, unwrapPath(err))
	case info.IsDir():
		return nil, badInput("%s: is a directory, not a file", path)
	case info.Size() > limit:
		return nil, badInput("%s: file is %d bytes; the limit is %d", path, info.Size(), limit)
	}
	return info, nil
}

// notRegularError reports a path that names a named pipe, a device or a socket rather than a
// file: `check` skips those instead of reading them.
type notRegularError struct{ path, kind string }

func (e *notRegularError) Error() string { return e.path + ": " + e.reason() }

func (e *notRegularError) reason() string { return "not a regular file (" + e.kind + ")" }

// readRegularFile is readInput for a path that must be a regular file, and it never blocks:
// reading a named pipe waits for a writer that may never come, and a device may never end. The
// type is checked before opening; the open does not wait for a pipe's writer (O_NONBLOCK where
// the platform has it); and the type is checked again on what was opened, in case the file was
// swapped in between. Anything but a regular file is a *notRegularError.
func readRegularFile(path string, limit int64) ([]byte, error) {
	info, err := statInput(path, limit)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &notRegularError{path, fileKind(info.Mode())}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, badInput("%s: %v", path, unwrapPath(err))
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, badInput("%s: %v", path, unwrapPath(err))
	}
	if !info.Mode().IsRegular() {
		return nil, &notRegularError{path, fileKind(info.Mode())}
	}
	return readLimited(path, f, limit)
}

// fileKind names what a non-regular file is, for the note that says why it was skipped.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return "an irregular file"
}

func readLimited(name string, r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, badInput("%s: %v", name, err)
	}
	if int64(len(data)) > limit {
		return nil, badInput("%s: larger than the limit of %d bytes", name, limit)
	}
	return data, nil
}

// unwrapPath drops the "open path:" prefix of *fs.PathError, since the path is printed already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
