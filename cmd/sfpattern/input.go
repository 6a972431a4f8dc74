package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/sfpattern/sfpattern/rules"
)

// readInput reads a user-named file ("-" is standard input), refusing directories, missing files
// and anything larger than the engine accepts, with a message that names the path.
func readInput(path string, stdin io.Reader) ([]byte, error) {
	return readInputLimit(path, stdin, rules.MaxFileSize)
}

// readInputLimit is readInput with another size limit, for inputs larger by nature (a portfolio).
func readInputLimit(path string, stdin io.Reader, limit int64) ([]byte, error) {
	if path == "-" {
		return readLimited("standard input", stdin, limit)
	}
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
	f, err := os.Open(path)
	if err != nil {
		return nil, badInput("%s: %v", path, unwrapPath(err))
	}
	defer f.Close()
	return readLimited(path, f, limit)
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
	return fmt.Errorf("%w", err)
}
