package rules

import (
	"cmp"
	"io/fs"
	"reflect"
	"runtime"
	"slices"
	"sync"
)

// decoded is one knowledge-base file decoded ahead of the sequential load.
type decoded struct {
	target any // pointer to the decoded value
	err    error
}

// knowledgeFiles maps each knowledge-base file pattern to the Go type it decodes into.
var knowledgeFiles = []struct {
	pattern string
	newer   func() any
}{
	{"knowledge.yaml", func() any { return new(Knowledge) }},
	{"sources.yaml", func() any { return new([]*Source) }},
	{"questions.yaml", func() any { return new(questionFile) }},
	{"limits.yaml", func() any { return new(limitFile) }},
	{"facts.yaml", func() any { return new(factFile) }},
	{"patterns/*.yaml", func() any { return new(Pattern) }},
	{"failure-modes/*.yaml", func() any { return new([]*FailureMode) }},
	{"mechanisms/*.yaml", func() any { return new(Mechanism) }},
	{"rules/*.yaml", func() any { return new(ruleFile) }},
}

// prefetch decodes every knowledge-base file ahead of the sequential load: from the snapshot
// when it is current, else from YAML.
func (l *loader) prefetch() {
	if !l.fromBundle() {
		l.decodeYAML()
	}
}

// decodeYAML decodes every knowledge-base file in parallel. The files are independent; the load
// itself then runs in order, so problems are reported in the same order every time.
func (l *loader) decodeYAML() {
	type job struct {
		file  string
		newer func() any
	}
	var jobs []job
	for _, kf := range knowledgeFiles {
		names, _ := fs.Glob(l.fsys, kf.pattern)
		for _, n := range names {
			jobs = append(jobs, job{n, kf.newer})
		}
	}
	results := make([]decoded, len(jobs))
	next := make(chan int, len(jobs))
	for _, i := range largestFirst(l.fsys, len(jobs), func(i int) string { return jobs[i].file }) {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				target := jobs[i].newer()
				data, err := fs.ReadFile(l.fsys, jobs[i].file)
				if err == nil {
					err = decodeFile(jobs[i].file, data, target)
				}
				results[i] = decoded{target: target, err: err}
			}
		})
	}
	wg.Wait()
	l.pre = make(map[string]decoded, len(jobs))
	for i, j := range jobs {
		l.pre[j.file] = results[i]
	}
}

// fromPrefetch copies a prefetched result into v; it reports false when file was not prefetched
// into v's type.
func (l *loader) fromPrefetch(file string, v any) (bool, error) {
	d, ok := l.pre[file]
	if !ok || reflect.TypeOf(d.target) != reflect.TypeOf(v) {
		return false, nil
	}
	if d.err != nil {
		return true, d.err
	}
	reflect.ValueOf(v).Elem().Set(reflect.ValueOf(d.target).Elem())
	return true, nil
}

// largestFirst orders job indexes by file size, largest first, so the workers finish together.
func largestFirst(fsys fs.FS, n int, file func(int) string) []int {
	size := make([]int64, n)
	order := make([]int, n)
	for i := range n {
		order[i] = i
		if info, err := fs.Stat(fsys, file(i)); err == nil {
			size[i] = info.Size()
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size[b], size[a]) })
	return order
}
