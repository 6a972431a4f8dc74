package config

import (
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/sfpattern/sfpattern/rules"
)

// readRegular reads the file at path, named name in messages, if it is there. It refuses
// anything but a regular file, and never blocks on one: a named pipe called .sfpattern.yaml
// would wait for a writer for ever, so the type is checked before opening, the open does not
// wait (O_NONBLOCK where the platform has it), and the type is checked again on what was opened.
// A file larger than limit is refused before it is read whole. found is false when nothing is
// at path.
func readRegular(path, name string, limit int64) (data []byte, found bool, err error) {
	fail := func(msg string) ([]byte, bool, error) {
		return nil, true, rules.Problems{{File: name, Msg: msg}}
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, lerr := os.Lstat(path); lerr == nil { // the walk stopped at it, so say why nothing was read
			return fail("is a link to something that does not exist; expected a file")
		}
		return nil, false, nil
	}
	if err != nil {
		return fail("cannot be read: " + pathError(err))
	}
	if msg := irregular(info, limit); msg != "" {
		return fail(msg)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock, 0)
	if errors.Is(err, fs.ErrNotExist) { // removed since the walk saw it
		return nil, false, nil
	}
	if err != nil {
		return fail("cannot be read: " + pathError(err))
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return fail("cannot be read: " + pathError(err))
	}
	if msg := irregular(info, limit); msg != "" {
		return fail(msg)
	}
	data, err = io.ReadAll(io.LimitReader(f, limit+1))
	switch {
	case err != nil:
		return fail("cannot be read: " + pathError(err))
	case int64(len(data)) > limit:
		return fail("file is larger than the limit of " + rules.FormatNumber(float64(limit)) + " bytes")
	}
	return data, true, nil
}

// irregular says what is wrong with a file sfpattern should not read, or "".
func irregular(info fs.FileInfo, limit int64) string {
	switch m := info.Mode(); {
	case m.IsDir():
		return "is a folder; expected a file"
	case !m.IsRegular():
		return "is not a regular file (a named pipe, a device or a socket); expected a file"
	case info.Size() > limit:
		return "file is " + rules.FormatNumber(float64(info.Size())) + " bytes; the limit is " + rules.FormatNumber(float64(limit))
	}
	return ""
}

// pathError drops the "open path:" prefix of a *fs.PathError: the message names the file already.
func pathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
