package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// series numbers names like MADR's: NNNN-anything.
var series = Series{Number: number, Max: 9999}

func number(name string) (int, bool) {
	if len(name) < 5 || name[4] != '-' {
		return 0, false
	}
	n, err := strconv.Atoi(name[:4])
	return n, err == nil
}

func part(title, text string) Part {
	return Part{Name: func(n int) string { return fmt.Sprintf("%04d-%s.md", n, title) }, Data: []byte(text)}
}

// names lists dir's entries, hidden ones included.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestWrite: a new file is written whole; an existing one is kept and reported as existing
// unless forced; nothing hidden is left behind.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "choice.md")
	ctx := context.Background()
	if err := Write(ctx, path, []byte("first\n"), Options{}); err != nil {
		t.Fatal(err)
	}
	err := Write(ctx, path, []byte("second\n"), Options{})
	var exists *ExistsError
	if !errors.As(err, &exists) || !errors.Is(err, fs.ErrExist) || exists.Path != path || read(t, path) != "first\n" {
		t.Errorf("existing file without Force: %v; file %q", err, read(t, path))
	}
	if err := Write(ctx, path, []byte("third\n"), Options{Force: true}); err != nil || read(t, path) != "third\n" {
		t.Errorf("Force: %v, %q", err, read(t, path))
	}
	if got := names(t, dir); len(got) != 1 {
		t.Errorf("left behind: %v", got)
	}
	err = Write(ctx, filepath.Join(dir, "missing", "x.md"), nil, Options{})
	if !errors.Is(err, ErrFolder) || !strings.Contains(err.Error(), filepath.Join(dir, "missing")) {
		t.Errorf("missing folder without MakeDirs: %v", err)
	}
}

// lateCancel is a context that is cancelled from its n-th question on: it plants a Ctrl-C in
// the middle of a write, after the folders are made and the temporary file written.
type lateCancel struct {
	context.Context
	calls, n int
}

func (c *lateCancel) Err() error {
	if c.calls++; c.calls >= c.n {
		return context.Canceled
	}
	return nil
}

// TestWriteFailsClean: a write cancelled before the file is in place leaves no file, no
// temporary file and no folder it created; one cancelled before it starts creates nothing.
func TestWriteFailsClean(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "new", "deep", "x.md")
	err := Write(&lateCancel{Context: context.Background(), n: 2}, path, []byte("x"), Options{MakeDirs: true})
	if !errors.Is(err, context.Canceled) || len(names(t, root)) != 0 {
		t.Errorf("cancelled mid-write: %v, left %v", err, names(t, root))
	}
	_, err = CreateNumbered(&lateCancel{Context: context.Background(), n: 2}, filepath.Join(root, "adr"), series,
		[]Part{part("a", "a")}, Options{MakeDirs: true})
	if !errors.Is(err, context.Canceled) || len(names(t, root)) != 0 {
		t.Errorf("numbered, cancelled mid-write: %v, left %v", err, names(t, root))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, path, []byte("x"), Options{MakeDirs: true}); !errors.Is(err, context.Canceled) || len(names(t, root)) != 0 {
		t.Errorf("cancelled before: %v, left %v", err, names(t, root))
	}
	// A folder that already held something is never removed.
	os.Mkdir(filepath.Join(root, "kept"), 0o755)
	os.WriteFile(filepath.Join(root, "kept", "README.md"), nil, 0o644)
	Write(&lateCancel{Context: context.Background(), n: 2}, filepath.Join(root, "kept", "sub", "x.md"), nil, Options{MakeDirs: true})
	if got := names(t, filepath.Join(root, "kept")); len(got) != 1 || got[0] != "README.md" {
		t.Errorf("kept/: %v", got)
	}
}

// TestCreateNumbered: numbers go one above the highest (gaps are kept), hidden files are never
// members, and a folder is created when asked.
func TestCreateNumbered(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "docs", "decisions")
	ctx := context.Background()
	create := func(title string) string {
		t.Helper()
		paths, err := CreateNumbered(ctx, dir, series, []Part{part(title, title+"\n")}, Options{MakeDirs: true})
		if err != nil || len(paths) != 1 {
			t.Fatalf("%s: %v, %v", title, paths, err)
		}
		if read(t, paths[0]) != title+"\n" {
			t.Errorf("%s: content %q", paths[0], read(t, paths[0]))
		}
		return filepath.Base(paths[0])
	}
	if got := create("a"); got != "0001-a.md" {
		t.Errorf("first: %s", got)
	}
	os.WriteFile(filepath.Join(dir, "0007-by-hand.md"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".0042-hidden.md"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".sfpattern-tmp-0099-x.md"), nil, 0o644)
	if got := create("a"); got != "0008-a.md" {
		t.Errorf("after 0007, hidden files aside: %s", got)
	}
	if _, err := CreateNumbered(ctx, filepath.Join(dir, "missing"), series, []Part{part("a", "")}, Options{}); !errors.Is(err, ErrFolder) {
		t.Errorf("missing folder without MakeDirs: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "9999-last.md"), nil, 0o644)
	before := names(t, dir)
	if _, err := CreateNumbered(ctx, dir, series, []Part{part("a", "")}, Options{}); !errors.Is(err, ErrFull) || !strings.Contains(err.Error(), "9999") {
		t.Errorf("no number left: %v", err)
	}
	if got := names(t, dir); len(got) != len(before) {
		t.Errorf("a full series left files: %v", got)
	}
}

// TestCreateNumberedTakenName plants a name that appears after the folder was read (the series'
// Number does not see it, as a listing taken a moment earlier would not): the writer moves on to
// the next number instead of failing, and the planted file is untouched.
func TestCreateNumberedTakenName(t *testing.T) {
	dir := t.TempDir()
	planted := filepath.Join(dir, "0001-same-title.md")
	os.WriteFile(planted, []byte("the other run's record\n"), 0o644)
	blind := Series{Max: 9999, Number: func(name string) (int, bool) {
		if name == "0001-same-title.md" {
			return 0, false
		}
		return number(name)
	}}
	paths, err := CreateNumbered(context.Background(), dir, blind, []Part{part("same-title", "mine\n")}, Options{})
	if err != nil || len(paths) != 1 || filepath.Base(paths[0]) != "0002-same-title.md" || read(t, planted) != "the other run's record\n" {
		t.Errorf("%v, %v; planted %q", paths, err, read(t, planted))
	}
}

// TestCreateNumberedGroup: a record and its contract share one number, or neither is written.
func TestCreateNumberedGroup(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	contract := func(text string) Part {
		return Part{Name: func(n int) string { return fmt.Sprintf("%04d-t.contract.yaml", n) }, Data: []byte(text)}
	}
	paths, err := CreateNumbered(ctx, dir, series, []Part{part("t", "record"), contract("contract")}, Options{})
	if err != nil || len(paths) != 2 || filepath.Base(paths[0]) != "0001-t.md" || filepath.Base(paths[1]) != "0001-t.contract.yaml" {
		t.Fatalf("%v, %v", paths, err)
	}
	// The second part cannot be placed (its folder does not exist): the first is taken back.
	broken := Part{Name: func(n int) string { return filepath.Join("nowhere", "x.yaml") }, Data: []byte("x")}
	if paths, err := CreateNumbered(ctx, dir, series, []Part{part("t", "record"), broken}, Options{}); err == nil || paths != nil {
		t.Errorf("broken group: %v, %v", paths, err)
	}
	if got := names(t, dir); len(got) != 2 {
		t.Errorf("a failed group left files: %v", got)
	}
}

// TestStaleHiddenFiles: temporary files and claims a killed run left long ago are removed by the
// next write, and a stale claim no longer holds its number; fresh ones (a live run's) are kept,
// and a live claim makes the writer take the next number rather than wait.
func TestStaleHiddenFiles(t *testing.T) {
	dir := t.TempDir()
	long := time.Now().Add(-time.Hour)
	for _, name := range []string{".sfpattern-tmp-killed", ".sfpattern-claim-1"} {
		os.WriteFile(filepath.Join(dir, name), []byte("half a rec"), 0o644)
		os.Chtimes(filepath.Join(dir, name), long, long)
	}
	os.WriteFile(filepath.Join(dir, ".sfpattern-tmp-live"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".sfpattern-claim-2"), nil, 0o644)
	ctx := context.Background()
	var got []string
	for range 2 {
		paths, err := CreateNumbered(ctx, dir, series, []Part{part("a", "a")}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, filepath.Base(paths[0]))
	}
	if strings.Join(got, " ") != "0001-a.md 0003-a.md" {
		t.Errorf("numbers %v, want 0001 (stale claim cleared) and 0003 (live claim on 2 skipped)", got)
	}
	want := []string{".sfpattern-claim-2", ".sfpattern-tmp-live", "0001-a.md", "0003-a.md"}
	if left := names(t, dir); strings.Join(left, " ") != strings.Join(want, " ") {
		t.Errorf("folder holds %v, want %v", left, want)
	}
}

// TestConcurrentCreateNumbered: 16 writers at once in one folder, half with one title and half
// with another, get the 16 numbers 1 to 16 (distinct, and no gap), each file with its writer's
// content, and nothing hidden is left.
func TestConcurrentCreateNumbered(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	const writers = 16
	var wg sync.WaitGroup
	paths := make([]string, writers)
	errs := make([]error, writers)
	start := make(chan struct{})
	for i := range writers {
		wg.Go(func() {
			<-start
			p, err := CreateNumbered(context.Background(), dir, series,
				[]Part{part("title-"+strconv.Itoa(i%2), "writer "+strconv.Itoa(i)+"\n")}, Options{MakeDirs: true})
			errs[i] = err
			if err == nil {
				paths[i] = p[0]
			}
		})
	}
	close(start)
	wg.Wait()
	numbers := map[int]bool{}
	for i := range writers {
		if errs[i] != nil {
			t.Fatalf("writer %d: %v", i, errs[i])
		}
		n, _ := number(filepath.Base(paths[i]))
		numbers[n] = true
		if got := read(t, paths[i]); got != "writer "+strconv.Itoa(i)+"\n" {
			t.Errorf("%s holds %q, want writer %d's record", paths[i], got, i)
		}
	}
	left := names(t, dir)
	sort.Strings(left)
	if len(numbers) != writers || len(left) != writers || strings.HasPrefix(left[0], ".") || !numbers[1] || !numbers[writers] {
		t.Errorf("%d distinct numbers for %d writers, want 1 to %d; folder: %v", len(numbers), writers, writers, left)
	}
}
