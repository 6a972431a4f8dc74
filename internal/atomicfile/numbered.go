package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Series is a family of numbered names in one folder, such as MADR's NNNN-title.md: a new
// member is numbered one above the highest number the folder holds (gaps are not reused, so a
// number always means one thing).
type Series struct {
	// Number reads the number a file name carries, if it is a member of the series.
	Number func(name string) (int, bool)
	// Max is the highest number the series allows.
	Max int
}

// Part is one file of a numbered group: the name it takes for a number, and its content.
type Part struct {
	Name func(n int) string
	Data []byte
}

// CreateNumbered writes parts into dir under the next free number of s and returns their paths,
// in the order given. The group is all or nothing: every part is placed under one number, or
// none is. A name that another writer takes first is never an error: the next number is tried.
// Options.Force does not apply; numbered files are never replaced.
func CreateNumbered(ctx context.Context, dir string, s Series, parts []Part, o Options) (paths []string, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	undo, err := prepare(dir, o.MakeDirs)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			undo()
		}
	}()
	temps, err := writeTemps(dir, parts)
	defer removeFiles(temps...)
	if err != nil {
		return nil, err
	}
	top, err := highest(dir, s)
	if err != nil {
		return nil, err
	}
	for n := top + 1; n <= s.Max; {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		next, placed, err := claim(dir, s, n, parts, temps)
		if err != nil || placed != nil {
			return placed, err
		}
		n = next
	}
	return nil, fmt.Errorf("%s: %w: every number up to %d is taken", dir, ErrFull, s.Max)
}

// writeTemps writes every part to its own temporary file before any number is claimed, so the
// claim itself takes only links and a claimed number is rarely left unused.
func writeTemps(dir string, parts []Part) ([]string, error) {
	temps := make([]string, 0, len(parts))
	for _, p := range parts {
		tmp, err := writeTemp(dir, dir, p.Data)
		if err != nil {
			return temps, err
		}
		temps = append(temps, tmp)
	}
	return temps, nil
}

// claim tries to place the group under number n. It first takes n's claim, a hidden file
// created exclusively, so that two writers never both decide that n is free: the loser of that
// race moves on to n+1 without waiting. Holding the claim, it reads the folder again, since a
// writer that finished meanwhile may have used n. A higher number placed meanwhile (by a writer
// that moved past n while this one held it) does not make n taken: n was free when this write
// began, so placing it leaves no gap. It returns the placed paths, or the number to try next.
func claim(dir string, s Series, n int, parts []Part, temps []string) (next int, placed []string, err error) {
	marker := filepath.Join(dir, hiddenPrefix+"claim-"+strconv.Itoa(n))
	f, err := os.OpenFile(marker, os.O_WRONLY|os.O_CREATE|os.O_EXCL, Mode)
	if errors.Is(err, fs.ErrExist) {
		return n + 1, nil, nil
	}
	if err != nil {
		return 0, nil, folderError(dir, err)
	}
	f.Close()
	defer removeFiles(marker)
	top, taken, err := scan(dir, s, n)
	if err != nil {
		return 0, nil, err
	}
	if taken {
		return top + 1, nil, nil
	}
	for i, p := range parts {
		path := filepath.Join(dir, p.Name(n))
		if err := linkNew(temps[i], path); err != nil {
			removeFiles(placed...) // ours, linked a moment ago: the group is all or nothing
			if errors.Is(err, fs.ErrExist) {
				return n + 1, nil, nil // a name outside the series' numbering; skip the number
			}
			return 0, nil, err
		}
		placed = append(placed, path)
	}
	syncDir(dir)
	return n, placed, nil
}

// highest is the highest number of s in dir, 0 when there is none or dir does not exist yet.
func highest(dir string, s Series) (int, error) {
	top, _, err := scan(dir, s, 0)
	return top, err
}

// scan reads dir for the highest number of s and whether number n is taken. Hidden names (this
// package's temporary files and claims among them) are never members.
func scan(dir string, s Series, n int) (top int, taken bool, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, false, folderError(dir, err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if m, ok := s.Number(e.Name()); ok {
			top = max(top, m)
			taken = taken || m == n
		}
	}
	return top, taken, nil
}
