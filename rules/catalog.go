package rules

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// Catalog is the loaded, checked and compiled knowledge base, safe for concurrent use by any number
// of evaluations. Everything it holds is immutable once Load returns (callers must not modify the
// exported fields either), except its evaluation cache (evalCache): scratch space and limit tables
// that evaluations reuse, which is safe for concurrent use and never changes a result.
type Catalog struct {
	Knowledge    Knowledge
	Questions    []*Question
	Limits       []*Limit
	Facts        []*Fact
	Mechanisms   []*Mechanism
	Patterns     []*Pattern
	FailureModes []*FailureMode
	Rules        []*Rule
	Sources      []*Source

	questionByID  map[string]*Question
	limitByID     map[string]*Limit
	mechanismByID map[string]*Mechanism
	patternByID   map[string]*Pattern
	failureByID   map[string]*FailureMode
	sourceByID    map[string]*Source
	sourcePos     map[string]int     // position in Sources, for citations
	roleQuestion  map[Role]*Question // the question that plays each role
	// excludingRules are the rules about the answers that can exclude a mechanism, and
	// excludingEach the per-mechanism ones, for feasibility checks.
	excludingRules, excludingEach []*Rule
	// eachRules are the per-mechanism rules, in file order.
	eachRules []*Rule
	// eachNeedsDetails is set when a per-mechanism condition tests a capacity figure, so the
	// figures must be in the environment before conditions run.
	eachNeedsDetails bool
	editions         []string
	envShape         cond.Shape
	slots            slots
	limitTables      map[string]limitTable
	// traceLen and capacityLen size a decision's slices up front.
	traceLen, capacityLen int

	// cache is the only state that changes after Load.
	cache evalCache
}

// Knowledge identifies the knowledge base and holds the engine's settings.
type Knowledge struct {
	Version              string   `yaml:"version"`
	LimitsRelease        string   `yaml:"limits_release"`
	AnswersSchemaVersion int      `yaml:"answers_schema_version"`
	MechanismOrder       []string `yaml:"mechanisms"`
	PatternOrder         []string `yaml:"patterns"`
	Capacity             struct {
		WarnShare    float64 `yaml:"warn_share"`
		StressFactor int     `yaml:"stress_factor"`
	} `yaml:"capacity"`
	// Budgets price going over an org allocation (see content/knowledge.yaml).
	Budgets    BudgetScoring `yaml:"budgets"`
	Confidence struct {
		HighMargin   int `yaml:"high_margin"`
		MediumMargin int `yaml:"medium_margin"`
		MinScore     int `yaml:"min_score"`
	} `yaml:"confidence"`
	Model map[string]float64 `yaml:"model"`
}

// BudgetScoring prices a budget row: nothing below the warn share, up to WarnPoints at 100 %,
// then OverPoints for every 100 % over, capped at MaxPoints; a remedy that brings the row back
// within the allocation caps it at WarnPoints. StressWeight scales what the stress test adds;
// RemedyOrder ranks remedy kinds in the advice, cheapest first.
type BudgetScoring struct {
	WarnPoints   float64  `yaml:"warn_points"`
	OverPoints   float64  `yaml:"over_points"`
	MaxPoints    float64  `yaml:"max_points"`
	StressWeight float64  `yaml:"stress_weight"`
	RemedyOrder  []string `yaml:"remedy_order"`
}

// Source is a document the knowledge base cites, with the release its facts were read from.
type Source struct {
	ID      string `yaml:"id" json:"id"`
	Title   string `yaml:"title" json:"title"`
	URL     string `yaml:"url" json:"url"`
	Release string `yaml:"release" json:"release"`
}

// Pattern is one of Salesforce's integration patterns.
type Pattern struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Summary string   `yaml:"summary"`
	Timing  string   `yaml:"timing"`
	Sources []string `yaml:"sources"`
	// Sequence is a Mermaid sequence diagram of the pattern.
	Sequence string `yaml:"sequence"`
	// Doc is the pattern's Markdown page.
	Doc string `yaml:"-"`
}

// FailureMode is a way an integration built on a mechanism fails, with how to see it coming and
// what to build against it.
type FailureMode struct {
	ID           string   `yaml:"id"`
	Title        string   `yaml:"title"`
	HowItHappens string   `yaml:"how_it_happens"`
	Detection    string   `yaml:"detection"`
	Mitigation   string   `yaml:"mitigation"`
	Sources      []string `yaml:"sources"`
	// When, if set, limits the failure mode to answers where it applies.
	When string `yaml:"when"`

	file  string
	when  *cond.Condition
	text  [3]template
	cited citation
}

// Question returns the question with the given id, or nil.
func (c *Catalog) Question(id string) *Question { return c.questionByID[id] }

// Limit returns the limit with the given id, or nil.
func (c *Catalog) Limit(id string) *Limit { return c.limitByID[id] }

// Mechanism returns the mechanism with the given id, or nil.
func (c *Catalog) Mechanism(id string) *Mechanism { return c.mechanismByID[id] }

// Pattern returns the pattern with the given id, or nil.
func (c *Catalog) Pattern(id string) *Pattern { return c.patternByID[id] }

// FailureMode returns the failure mode with the given id, or nil.
func (c *Catalog) FailureMode(id string) *FailureMode { return c.failureByID[id] }

// Source returns the source with the given id, or nil.
func (c *Catalog) Source(id string) *Source { return c.sourceByID[id] }

// Editions lists the edition ids in question order; per-edition limits must cover each.
func (c *Catalog) Editions() []string { return c.editions }

// Load reads, checks and compiles the knowledge base in fsys. Every problem found is reported at
// once, each with its file and the id of the item at fault. Extra rule files (an organisation's
// own policy) are loaded with the same checks after the built-in rules.
func Load(fsys fs.FS, extra ...RuleFile) (*Catalog, error) {
	l := &loader{fsys: fsys, c: &Catalog{}}
	l.loadAll()
	builtIn := len(l.c.Rules)
	for _, rf := range extra {
		l.loadRuleFile(rf.Name, rf.Data)
	}
	for _, r := range l.c.Rules[builtIn:] {
		r.extra = true
	}
	if len(l.problems) == 0 {
		l.compileAll()
	}
	if err := l.problems.err(); err != nil {
		return nil, err
	}
	return l.c, nil
}

// RuleFile is a rule file supplied from outside the knowledge base (`--rules FILE`).
type RuleFile struct {
	Name string
	Data []byte
}

// loader accumulates problems while reading the knowledge base, so one run reports them all.
type loader struct {
	fsys     fs.FS
	c        *Catalog
	problems Problems
	pre      map[string]decoded
}

func (l *loader) problemf(file, item, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: file, Field: item, Msg: fmt.Sprintf(format, args...)})
}

// read decodes one file strictly into v; it reports and returns false on any problem.
func (l *loader) read(file string, v any) bool {
	if ok, err := l.fromPrefetch(file, v); ok {
		if err != nil {
			l.problems = append(l.problems, AsProblems(err)...)
		}
		return err == nil
	}
	data, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		l.problemf(file, "", "cannot read: %v", err)
		return false
	}
	if err := decodeFile(file, data, v); err != nil {
		l.problems = append(l.problems, AsProblems(err)...)
		return false
	}
	return true
}

// readDoc returns a Markdown page, reporting it when missing or empty.
func (l *loader) readDoc(file, item string) string {
	doc, err := readString(l.fsys, file)
	if err != nil || strings.TrimSpace(doc) == "" {
		l.problemf(file, item, "missing or empty Markdown page")
		return ""
	}
	return doc
}

// readString reads a file into a string with one allocation (fs.ReadFile and a conversion
// would copy it twice).
func readString(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", fmt.Errorf("rules: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("rules: %w", err)
	}
	var b strings.Builder
	b.Grow(int(info.Size()))
	_, err = io.CopyN(&b, f, info.Size())
	return b.String(), err
}

// glob lists the files matching pattern, sorted, skipping drafts (names starting with "_").
func (l *loader) glob(pattern string) []string {
	names, err := fs.Glob(l.fsys, pattern)
	if err != nil {
		l.problemf(pattern, "", "%v", err)
	}
	names = slices.DeleteFunc(names, func(n string) bool { return strings.HasPrefix(path.Base(n), "_") })
	sort.Strings(names)
	return names
}

func (l *loader) loadAll() {
	l.prefetch()
	l.read("knowledge.yaml", &l.c.Knowledge)
	l.loadSources()
	l.loadQuestions()
	l.loadLimits()
	l.loadFacts()
	l.loadPatterns()
	l.loadFailureModes()
	l.loadMechanisms()
	for _, file := range l.glob("rules/*.yaml") {
		var rf ruleFile
		if l.read(file, &rf) {
			l.addRules(file, rf)
		}
	}
	l.checkOrder()
}

func (l *loader) loadSources() {
	l.read("sources.yaml", &l.c.Sources)
	l.c.Sources = dropEmpty(l, "sources.yaml", "source", l.c.Sources)
	l.c.sourceByID = indexByID(l, "sources.yaml", "source", l.c.Sources, func(s *Source) string { return s.ID })
	for _, s := range l.c.Sources {
		if s.Title == "" || s.URL == "" || s.Release == "" {
			l.problemf("sources.yaml", s.ID, "needs a title, a url and the release it was read from")
		}
	}
}

// checkSources reports source references that do not resolve, and items that cite nothing.
func (l *loader) checkSources(file, item string, ids []string) {
	if len(ids) == 0 {
		l.problemf(file, item, "cites no source")
	}
	for _, id := range ids {
		if l.c.sourceByID[id] == nil {
			l.problemf(file, item, "unknown source %q", id)
		}
	}
}

func (l *loader) loadPatterns() {
	for _, file := range l.glob("patterns/*.yaml") {
		var p Pattern
		if !l.read(file, &p) {
			continue
		}
		if want := strings.TrimSuffix(path.Base(file), ".yaml"); p.ID != want {
			l.problemf(file, p.ID, "id must match the file name %q", want)
		}
		l.checkSources(file, p.ID, p.Sources)
		p.Doc = l.readDoc(strings.TrimSuffix(file, ".yaml")+".md", p.ID)
		l.c.Patterns = append(l.c.Patterns, &p)
	}
	l.c.patternByID = indexByID(l, "patterns/", "pattern", l.c.Patterns, func(p *Pattern) string { return p.ID })
}

func (l *loader) loadFailureModes() {
	for _, file := range l.glob("failure-modes/*.yaml") {
		var fms []*FailureMode
		if !l.read(file, &fms) {
			continue
		}
		fms = dropEmpty(l, file, "failure mode", fms)
		for _, fm := range fms {
			fm.file = file
			if fm.ID == "" || fm.Title == "" || fm.HowItHappens == "" || fm.Detection == "" || fm.Mitigation == "" {
				l.problemf(file, fm.ID, "needs an id, title, how_it_happens, detection and mitigation")
			}
			l.checkSources(file, fm.ID, fm.Sources)
		}
		l.c.FailureModes = append(l.c.FailureModes, fms...)
	}
	l.c.failureByID = indexByID(l, "failure-modes/", "failure mode", l.c.FailureModes, func(f *FailureMode) string { return f.ID })
}

// checkOrder makes the knowledge file's display orders name every mechanism and pattern exactly
// once, then sorts both lists by them, so ranking ties break the same way everywhere.
func (l *loader) checkOrder() {
	k := &l.c.Knowledge
	l.c.Mechanisms = orderBy(l, "mechanisms", k.MechanismOrder, l.c.Mechanisms, func(m *Mechanism) string { return m.ID })
	l.c.Patterns = orderBy(l, "patterns", k.PatternOrder, l.c.Patterns, func(p *Pattern) string { return p.ID })
	if k.Version == "" || k.LimitsRelease == "" {
		l.problemf("knowledge.yaml", "", "needs a version and the limits_release")
	}
	if k.Capacity.WarnShare <= 0 || k.Capacity.WarnShare >= 1 || k.Capacity.StressFactor < 2 {
		l.problemf("knowledge.yaml", "capacity", "needs warn_share between 0 and 1 and a stress_factor of at least 2")
	}
	b := k.Budgets
	if b.WarnPoints <= 0 || b.OverPoints <= 0 || b.MaxPoints < b.WarnPoints || b.StressWeight <= 0 || b.StressWeight > 1 {
		l.problemf("knowledge.yaml", "budgets", "needs positive warn_points and over_points, max_points >= warn_points and stress_weight in (0, 1]")
	}
	for _, kind := range []string{RemedyPurchase, RemedyDesign, RemedyEdition, RemedyPhase, RemedyRecovery} {
		if !slices.Contains(b.RemedyOrder, kind) {
			l.problemf("knowledge.yaml", "budgets", "remedy_order must rank every remedy kind; %s is missing", kind)
		}
	}
}

func orderBy[T any](l *loader, what string, order []string, items []T, id func(T) string) []T {
	pos := make(map[string]int, len(order))
	for i, o := range order {
		if _, dup := pos[o]; dup {
			l.problemf("knowledge.yaml", what, "%q listed twice", o)
		}
		pos[o] = i
	}
	for _, it := range items {
		if _, ok := pos[id(it)]; !ok {
			l.problemf("knowledge.yaml", what, "%q is not listed", id(it))
		}
	}
	if len(order) != len(items) {
		l.problemf("knowledge.yaml", what, "lists %d, but %d are defined", len(order), len(items))
	}
	sorted := slices.Clone(items)
	slices.SortStableFunc(sorted, func(a, b T) int { return pos[id(a)] - pos[id(b)] })
	return sorted
}

// dropEmpty removes list entries left empty in YAML (a bare "-"), reporting each.
func dropEmpty[T any](l *loader, file, what string, items []*T) []*T {
	out := items[:0]
	for i, it := range items {
		if it == nil {
			l.problemf(file, "", "%s entry %d is empty", what, i+1)
			continue
		}
		out = append(out, it)
	}
	return out
}

// indexByID builds an id index and reports empty and duplicate ids.
func indexByID[T any](l *loader, file, what string, items []T, id func(T) string) map[string]T {
	idx := make(map[string]T, len(items))
	for _, it := range items {
		k := id(it)
		if k == "" {
			l.problemf(file, "", "a %s has no id", what)
			continue
		}
		if _, dup := idx[k]; dup {
			l.problemf(file, k, "duplicate %s id", what)
		}
		idx[k] = it
	}
	return idx
}
