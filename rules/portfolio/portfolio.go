package portfolio

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
)

// The keys of a portfolio file, and of its org.
const (
	keySchemaVersion = "schema_version"
	keyOrg           = "org"
	keyIntegrations  = "integrations"
	keyAddons        = "addons"
)

// MaxSize is the largest portfolio file read. A portfolio holds many answers blocks, so
// it may be larger than MaxFileSize: 10,000 realistic integrations take 2.7 MB of YAML, 3.4 MB of
// indented JSON.
const MaxSize = 16 << 20

// MaxIntegrations is the most integrations one portfolio may list. Real orgs have tens
// or hundreds; the bound keeps a file of junk from costing minutes.
const MaxIntegrations = 20_000

// maxValues bounds the YAML values a portfolio may hold, estimated before parsing: a
// parsed value costs about 230 bytes, so this keeps the parse of any accepted file near 115 MB.
// An integration takes 20 (YAML) to 32 (indented JSON) values: 10,000 fit in any format.
const maxValues = 500_000

// maxProblems is how many problems a portfolio lists; the rest are counted. A file of
// junk can hold hundreds of thousands, which nobody reads and which would cost memory.
const maxProblems = 1_000

// topConsumers is how many of an allocation's largest consumers a portfolio names.
const topConsumers = 3

// Result is a whole org's integrations judged against the org's shared allocations. Its
// JSON form is the `portfolio --format json` schema (version 1). Every list is in a fixed order:
// integrations and problems in file order, allocations in the knowledge base's order.
type Result struct {
	SchemaVersion int          `json:"schema_version"`
	FirstToBreak  FirstToBreak `json:"first_to_break"`
	Org           Org          `json:"org"`
	// Integrations are the entries that were evaluated; bad entries are in Problems instead.
	Integrations []Integration      `json:"integrations"`
	Allocations  []SharedAllocation `json:"allocations"`
	Problems     []Problem          `json:"problems"`
	// Skipped counts the entries not evaluated because of their problems.
	Skipped int `json:"skipped"`
	// ProblemsOmitted counts the problems beyond the first 1,000, which are not listed.
	ProblemsOmitted int                `json:"problems_omitted"`
	Knowledge       rules.KnowledgeRef `json:"knowledge"`
}

// Org is the org every integration of a portfolio runs in.
type Org struct {
	Edition     string `json:"edition"`
	EditionName string `json:"edition_name"`
	Licenses    int    `json:"licenses"`
	// Addons are purchased extras: limit id to the amount added to the org's allocation.
	Addons map[string]float64 `json:"addons"`
	// Snapshot is the org's real limits (--org-limits): its maxima replace the edition's formula
	// and what it already uses counts in every shared total.
	Snapshot *rules.OrgSnapshot `json:"snapshot,omitempty"`
}

// evaluationOrg is the org each entry is evaluated for, or nil for the plain formula.
func (o Org) evaluationOrg() *rules.Org {
	org := &rules.Org{Addons: o.Addons, Snapshot: o.Snapshot}
	if org.Empty() {
		return nil
	}
	return org
}

// Integration is one evaluated entry and the engine's recommendation for it.
type Integration struct {
	// Index is the entry's 1-based position in the file's integrations list.
	Index         int    `json:"index"`
	Name          string `json:"name"`
	Line          int    `json:"line"`
	Mechanism     string `json:"mechanism"`
	MechanismName string `json:"mechanism_name"`
	Pattern       string `json:"pattern"`
	PatternName   string `json:"pattern_name"`
	Variant       string `json:"variant"`
	Confidence    string `json:"confidence"`
	// Warnings counts the entry's warnings (contradictory answers, ignored answers, risks).
	Warnings int `json:"warnings"`
}

// SharedAllocation is one org-wide allocation with the usage of every integration summed.
type SharedAllocation struct {
	Limit string `json:"limit"`
	Title string `json:"title"`
	Unit  string `json:"unit"`
	// Allocation is the org's value for its edition and licences (or its snapshot's maximum)
	// plus Addon; OrgUsed is what the snapshot says the org already uses, counted in the shares.
	Allocation float64 `json:"allocation"`
	Addon      float64 `json:"addon"`
	OrgUsed    float64 `json:"org_used,omitempty"`
	Usage1x    float64 `json:"usage_1x"`
	Usage10x   float64 `json:"usage_10x"`
	Share1x    float64 `json:"share_1x"`
	Share10x   float64 `json:"share_10x"`
	Verdict1x  string  `json:"verdict_1x"`
	Verdict10x string  `json:"verdict_10x"`
	// Consumers1x and Consumers10x count the integrations that use any of it at each scale.
	Consumers1x  int        `json:"consumers_1x"`
	Consumers10x int        `json:"consumers_10x"`
	TopConsumers []Consumer `json:"top_consumers_1x"`
	Note         string     `json:"note,omitempty"`
	Source       string     `json:"source"`
}

// Consumer is an integration's use of a shared allocation.
type Consumer struct {
	Index int     `json:"index"`
	Name  string  `json:"name"`
	Usage float64 `json:"usage"`
}

// FirstToBreak names the allocation that breaks first: the highest share at the stated volume if
// any allocation is exceeded there, else the highest at the stress scale. Limit and Scale are
// empty when nothing breaks even under stress.
type FirstToBreak struct {
	Limit    string  `json:"limit"`
	Scale    string  `json:"scale"`
	Share    float64 `json:"share"`
	Sentence string  `json:"sentence"`
}

// Problem is something wrong with one entry (Index ≥ 1) or with the file (Index 0).
type Problem struct {
	Index   int    `json:"index"`
	Name    string `json:"name"`
	Field   string `json:"field"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Text writes the problem for a person, with the file it was found in:
// "org.yaml:42: integration 3 (Order sync): latency: unknown value …".
func (p Problem) Text(file string) string {
	var b strings.Builder
	b.WriteString(safetext.Name(file))
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.Index > 0 {
		b.WriteString("integration " + strconv.Itoa(p.Index))
		if p.Name != "" && safetext.Check(p.Name) == "" { // a name refused for its characters is not repeated
			b.WriteString(" (" + p.Name + ")")
		}
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Bad reports whether any entry of the portfolio was refused.
func (r *Result) Bad() bool { return r.Skipped > 0 }

// catalog is the knowledge base the portfolio reads, with the reader's own methods, and the
// standing defaults its entries take for the fields they leave out.
type catalog struct {
	*rules.Catalog
	defaults rules.Answers
}

// Read reads a portfolio file (YAML or JSON: `org` and a list of `integrations`, each an
// answers block), evaluates every entry and sums each org-wide allocation over the recommended
// mechanisms. A problem with the file as a whole (its shape, the org, an unknown key) is returned
// as rules.Problems; a bad entry is reported in the result's Problems and the others are still
// evaluated. The result does not depend on the order entries finish in.
func Read(cat *rules.Catalog, file string, data []byte) (*Result, error) {
	return Evaluate(context.Background(), cat, file, data, nil)
}

// Evaluate is Read with what the command line adds to the file's org: add-ons on top of the
// file's, and a snapshot of the org's real limits. When ctx is cancelled (Ctrl-C), the workers
// stop before their next entry and ctx's error is returned.
func Evaluate(ctx context.Context, cat *rules.Catalog, file string, data []byte, extra *rules.Org) (*Result, error) {
	return EvaluateWith(ctx, cat, file, data, extra, rules.NewAnswers())
}

// EvaluateWith is Evaluate with a configuration's standing defaults: an entry that leaves a
// field out takes the default's value (rules.Answers.Fill), ahead of the question set's own.
// Edition and licences still come from the file's org, whatever the defaults say.
func EvaluateWith(ctx context.Context, cat *rules.Catalog, file string, data []byte, extra *rules.Org, defaults rules.Answers) (*Result, error) {
	return catalog{cat, defaults}.evaluate(ctx, file, data, extra)
}

// evaluate reads the file by its fast path when its layout allows (entries split textually and
// parsed one by one, see split.go), and by the parse of the whole file otherwise; both give the
// same result.
func (c catalog) evaluate(ctx context.Context, file string, data []byte, extra *rules.Org) (*Result, error) {
	if len(data) <= MaxSize {
		if n := countValues(data); n > maxValues {
			return nil, rules.Problems{{File: file, Msg: fmt.Sprintf("file holds about %s values; a portfolio may hold at most %s (an integration takes 20 to 35)",
				rules.FormatNumber(float64(n)), rules.FormatNumber(maxValues))}}
		}
	}
	if res, done, err := c.evaluateSplit(ctx, file, data, extra); done {
		return res, err
	}
	return c.evaluateWhole(ctx, file, data, extra)
}

// evaluateWhole parses the whole file as one node tree: the path for every layout the splitter
// does not take (JSON, flow style, anchors, tags…).
func (c catalog) evaluateWhole(ctx context.Context, file string, data []byte, extra *rules.Org) (*Result, error) {
	org, list, err := c.readPortfolio(file, data)
	if err != nil {
		return nil, err
	}
	return c.evaluateSource(ctx, file, withExtra(org, extra), newWholeSource(list))
}

// withExtra adds what the command line gives to the file's org.
func withExtra(org Org, extra *rules.Org) Org {
	if extra != nil {
		for id, v := range extra.Addons {
			org.Addons[id] += v
		}
		org.Snapshot = extra.Snapshot
	}
	return org
}

// evaluateSource evaluates every entry src hands out and sums the allocations. It returns
// errFallback when src cannot read an entry that the whole file's parse might.
func (c catalog) evaluateSource(ctx context.Context, file string, org Org, src entrySource) (*Result, error) {
	entries, dups, err := c.evaluateEntries(ctx, file, org, src)
	if err != nil {
		return nil, err
	}
	res := &Result{
		SchemaVersion: c.Knowledge.AnswersSchemaVersion,
		Org:           org,
		Integrations:  []Integration{},
		Problems:      []Problem{},
		Knowledge:     rules.KnowledgeRef{Version: c.Knowledge.Version, LimitsRelease: c.Knowledge.LimitsRelease},
	}
	allocs, idx := c.sharedAllocations(org)
	for i := range entries {
		e := &entries[i]
		if !e.ok {
			res.Skipped++
			res.listProblems(c, file, org, i, src, dups[i], e.problems)
			continue
		}
		res.Integrations = append(res.Integrations, e.integ)
		for _, u := range e.uses {
			allocs[idx[u.limit]].add(e.integ, u)
		}
	}
	for i := range allocs {
		allocs[i].judge(c)
	}
	res.Allocations = allocs
	res.FirstToBreak = c.firstToBreak(allocs, len(res.Integrations))
	return res, nil
}

// listProblems lists a bad entry's problems while fewer than maxProblems are listed, and
// counts them after. Workers keep only the number of problems, so the messages of the entries
// that are listed are made again here, in file order, and the others are never kept.
func (r *Result) listProblems(c catalog, file string, org Org, i int, src entrySource, dup *Problem, count int) {
	if len(r.Problems) >= maxProblems {
		r.ProblemsOmitted += count
		return
	}
	n := src.again(i)
	if n == nil { // released, being later than the listed ones
		r.ProblemsOmitted += count
		return
	}
	again, _ := c.evaluateEntry(file, org, i+1, n, dup, true)
	room := maxProblems - len(r.Problems)
	r.Problems = append(r.Problems, again.problems[:min(room, len(again.problems))]...)
	r.ProblemsOmitted += max(0, len(again.problems)-room)
}

// readPortfolio parses the whole file, checks its shape and reads the org; it returns the
// integrations list node.
func (c catalog) readPortfolio(file string, data []byte) (Org, *yaml.Node, error) {
	doc, err := rules.ParseYAMLLimit(file, data, MaxSize)
	if err != nil {
		return Org{}, nil, err
	}
	if p := notMapping(file, doc); p != nil {
		return Org{}, nil, rules.Problems{*p}
	}
	org, list, ps := c.readHeader(file, doc)
	if p := checkList(file, doc, list); p != nil {
		ps = append(ps, *p)
	}
	return org, list, ps.Err()
}

// readHeader checks the top-level keys and reads the schema version and the org; it returns the
// value of the integrations key, unchecked, or nil when there is none.
func (c catalog) readHeader(file string, doc *yaml.Node) (Org, *yaml.Node, rules.Problems) {
	var org Org
	if p := notMapping(file, doc); p != nil {
		return org, nil, rules.Problems{*p}
	}
	var ps rules.Problems
	fields := topFields(file, "", doc, []string{keySchemaVersion, keyOrg, keyIntegrations}, &ps)
	if v := fields[keySchemaVersion]; v != nil && v.Value != strconv.Itoa(c.Knowledge.AnswersSchemaVersion) {
		ps = append(ps, rules.Problem{
			File: file, Line: v.Line, Field: keySchemaVersion,
			Msg: fmt.Sprintf("unsupported schema version %q; this sfpattern reads version %d", rules.Clip(v.Value), c.Knowledge.AnswersSchemaVersion),
		})
	}
	if fields[keyOrg] == nil {
		ps = append(ps, rules.Problem{File: file, Line: doc.Line, Field: keyOrg, Msg: "missing; expected a mapping with edition, licenses and optional addons"})
	} else {
		org = c.readOrg(file, fields[keyOrg], &ps)
	}
	return org, fields[keyIntegrations], ps
}

// notMapping refuses a document that is not a mapping; nothing else is said of it.
func notMapping(file string, doc *yaml.Node) *rules.Problem {
	if doc.Kind == yaml.MappingNode {
		return nil
	}
	return &rules.Problem{File: file, Line: doc.Line, Msg: "a portfolio must be a mapping with org and integrations, not " + rules.NodeKind(doc)}
}

// checkList checks the integrations list of a whole-file parse: a list of 1 to MaxIntegrations.
func checkList(file string, doc, list *yaml.Node) *rules.Problem {
	switch {
	case list == nil:
		return &rules.Problem{File: file, Line: doc.Line, Field: keyIntegrations, Msg: "missing; expected a list of answers blocks"}
	case list.Kind != yaml.SequenceNode:
		return &rules.Problem{File: file, Line: list.Line, Field: keyIntegrations, Msg: "expected a list of answers blocks, not " + rules.NodeKind(list)}
	case len(list.Content) == 0:
		return &rules.Problem{File: file, Line: list.Line, Field: keyIntegrations, Msg: "the list is empty; give at least one integration"}
	case len(list.Content) > MaxIntegrations:
		return &rules.Problem{
			File: file, Line: list.Line, Field: keyIntegrations,
			Msg: fmt.Sprintf("%s integrations; a portfolio may hold at most %s", rules.FormatNumber(float64(len(list.Content))), rules.FormatNumber(MaxIntegrations)),
		}
	}
	return nil
}

// topFields indexes a mapping's values by key, reporting unknown and duplicate keys; prefix
// names the mapping in problems ("org.").
func topFields(file, prefix string, m *yaml.Node, allowed []string, ps *rules.Problems) map[string]*yaml.Node {
	fields := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		switch {
		case !slices.Contains(allowed, key.Value):
			*ps = append(*ps, rules.Problem{File: file, Line: key.Line, Field: prefix + rules.Clip(key.Value), Msg: "unknown key; expected " + strings.Join(allowed, ", ")})
		case fields[key.Value] != nil:
			*ps = append(*ps, rules.Problem{File: file, Line: key.Line, Field: prefix + key.Value, Msg: fmt.Sprintf("duplicate key (first set on line %d)", fields[key.Value].Line)})
		default:
			fields[key.Value] = val
		}
	}
	return fields
}

// readOrg reads the org block: edition and licences (checked like the answers of the same name)
// and the add-ons, each an allocation limit id with the amount purchased.
func (c catalog) readOrg(file string, n *yaml.Node, ps *rules.Problems) Org {
	org := Org{Addons: map[string]float64{}}
	if n.Kind != yaml.MappingNode {
		*ps = append(*ps, rules.Problem{File: file, Line: n.Line, Field: keyOrg, Msg: "expected a mapping with edition, licenses and optional addons, not " + rules.NodeKind(n)})
		return org
	}
	edition, licences := c.Role(rules.RoleEdition), c.Role(rules.RoleLicences)
	fields := topFields(file, "org.", n, []string{edition.ID, licences.ID, keyAddons}, ps)
	a := rules.NewAnswers()
	for _, q := range []*rules.Question{edition, licences} {
		id := q.ID
		v := fields[id]
		if v == nil {
			*ps = append(*ps, rules.Problem{File: file, Line: n.Line, Field: "org." + id, Msg: "missing; expected " + q.DescribeValues()})
			continue
		}
		if p, ok := c.ParseAnswerNode(file, &yaml.Node{Value: id, Line: v.Line}, v, a); !ok {
			p.Field = "org." + id
			*ps = append(*ps, p)
		}
	}
	e, _ := a.Get(edition.ID)
	l, _ := a.Get(licences.ID)
	org.Edition, _ = e.(string)
	org.Licenses, _ = l.(int)
	if o := edition.Option(org.Edition); o != nil {
		org.EditionName = o.Label
	}
	if ad := fields[keyAddons]; ad != nil {
		c.readAddons(file, ad, org.Addons, ps)
	}
	return org
}

// maxAddon bounds one add-on amount; no purchasable allocation comes near it.
const maxAddon = 1e12

func (c catalog) readAddons(file string, n *yaml.Node, addons map[string]float64, ps *rules.Problems) {
	bad := func(line int, field, format string, args ...any) {
		*ps = append(*ps, rules.Problem{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if n.Kind != yaml.MappingNode {
		bad(n.Line, "org.addons", "expected a mapping of allocation limit id: extra amount, not %s", rules.NodeKind(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		field := "org.addons." + rules.Clip(key.Value)
		lim := c.Limit(key.Value)
		switch {
		case lim == nil || !lim.Allocation():
			what := "unknown limit"
			if lim != nil {
				what = "a fixed platform limit, not an org allocation"
			}
			bad(key.Line, field, "%s; add-ons can raise %s", what, strings.Join(c.AllocationIDs(), ", "))
			continue
		}
		if _, dup := addons[key.Value]; dup {
			bad(key.Line, field, "duplicate key")
			continue
		}
		amount, err := strconv.ParseInt(val.Value, 10, 64)
		if val.Kind != yaml.ScalarNode || val.Tag != "!!int" || err != nil || amount < 0 || amount > maxAddon {
			bad(val.Line, field, "expected a whole number of extra %s from 0 to %s, got %s", lim.Unit, rules.FormatNumber(maxAddon), rules.NodeKind(val))
			continue
		}
		addons[key.Value] = float64(amount)
	}
}

// countValues estimates the values a YAML or JSON document holds from its separators, cheaply and
// before any parser allocates a node for each. It overestimates (a colon inside text counts).
func countValues(data []byte) int {
	n := 0
	for i, b := range data {
		switch b {
		case ',', '\n', '[', '{', ':':
			n++
		case '-':
			if i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\n' {
				n++
			}
		}
	}
	return n
}

// sharedAllocations sets up every org-wide allocation, in the knowledge base's order, with its
// value for the org; idx finds one by limit id.
func (c catalog) sharedAllocations(org Org) ([]SharedAllocation, map[string]int) {
	estimated := map[string]bool{}
	for _, m := range c.Mechanisms {
		for _, cr := range m.Capacity {
			estimated[cr.Limit] = true
		}
	}
	var allocs []SharedAllocation
	idx := map[string]int{}
	for _, l := range c.Limits {
		if !l.Allocation() {
			continue
		}
		base, err := c.LimitValue(l.ID, org.Edition, org.Licenses)
		if err != nil {
			base = 0 // only for an org that was refused; kept total for robustness
		}
		used := 0.0
		if f, ok := org.Snapshot.Figure(l.ID); ok {
			base, used = f.Max, f.Used()
		}
		sa := SharedAllocation{
			Limit: l.ID, Title: l.Title, Unit: l.Unit, Addon: org.Addons[l.ID], OrgUsed: used,
			Allocation: base + org.Addons[l.ID], TopConsumers: []Consumer{}, Source: l.SourceURL(),
		}
		if !estimated[l.ID] {
			sa.Note = "No mechanism's capacity model estimates this allocation, so usage shows 0: not measured, not unused."
		}
		idx[l.ID] = len(allocs)
		allocs = append(allocs, sa)
	}
	return allocs, idx
}

// add counts one integration's use of the allocation, keeping the largest consumers at 1×.
func (sa *SharedAllocation) add(in Integration, u allocationUse) {
	sa.Usage1x += u.at1
	sa.Usage10x += u.atStress
	if u.at1 > 0 {
		sa.Consumers1x++
	}
	if u.atStress > 0 {
		sa.Consumers10x++
	}
	if u.at1 <= 0 {
		return
	}
	pos := len(sa.TopConsumers)
	for pos > 0 && sa.TopConsumers[pos-1].Usage < u.at1 { // ties keep file order
		pos--
	}
	if pos < topConsumers {
		sa.TopConsumers = slices.Insert(sa.TopConsumers, pos, Consumer{Index: in.Index, Name: in.Name, Usage: u.at1})
		sa.TopConsumers = sa.TopConsumers[:min(len(sa.TopConsumers), topConsumers)]
	}
}

func (sa *SharedAllocation) judge(c catalog) {
	sa.Share1x, sa.Share10x = rules.Share(sa.OrgUsed+sa.Usage1x, sa.Allocation), rules.Share(sa.OrgUsed+sa.Usage10x, sa.Allocation)
	sa.Verdict1x, sa.Verdict10x = c.Verdict(sa.Share1x), c.Verdict(sa.Share10x)
}

// firstToBreak names the allocation that breaks first, in one sentence.
func (c catalog) firstToBreak(allocs []SharedAllocation, evaluated int) FirstToBreak {
	stress := fmt.Sprintf("%d×", c.Knowledge.Capacity.StressFactor)
	tightest := func(at func(*SharedAllocation) float64) *SharedAllocation {
		var best *SharedAllocation
		for i := range allocs {
			if best == nil || at(&allocs[i]) > at(best) { // ties keep the first listed
				best = &allocs[i]
			}
		}
		return best
	}
	now := tightest(func(a *SharedAllocation) float64 { return a.Share1x })
	later := tightest(func(a *SharedAllocation) float64 { return a.Share10x })
	switch {
	case evaluated == 0 || later == nil:
		return FirstToBreak{Sentence: "No integration could be evaluated, so no allocation is judged."}
	case now.Share1x > 1:
		return FirstToBreak{Limit: now.Limit, Scale: "1x", Share: now.Share1x, Sentence: fmt.Sprintf(
			"%s breaks first: %s %s of it today.", now.Title, integrations(now.Consumers1x, "needs", "need"), rules.FormatPercent(now.Share1x))}
	case later.Share10x > 1:
		return FirstToBreak{Limit: later.Limit, Scale: "10x", Share: later.Share10x, Sentence: fmt.Sprintf(
			"%s breaks first, at %s volume: %s %s of it.", later.Title, stress, integrations(later.Consumers10x, "would need", "would need"), rules.FormatPercent(later.Share10x))}
	case later.Share10x > 0:
		return FirstToBreak{Sentence: fmt.Sprintf("No shared allocation breaks, even at %s volume; the tightest is %s, at %s of it.",
			stress, later.Title, rules.FormatPercent(later.Share10x))}
	}
	return FirstToBreak{Sentence: fmt.Sprintf("No shared allocation breaks, even at %s volume.", stress)}
}

// integrations writes "1 integration needs" or "3 integrations need".
func integrations(n int, one, many string) string {
	if n == 1 {
		return "1 integration " + one
	}
	return rules.FormatNumber(float64(n)) + " integrations " + many
}

func isNullNode(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// Fails reports whether an allocation, at the stated volume, is at verdict failOn or worse
// (exceeds, or warn), as `portfolio --fail-on` asks.
func (r *Result) Fails(failOn string) bool {
	for _, a := range r.Allocations {
		if a.Verdict1x == rules.VerdictExceeds || (failOn == rules.VerdictWarn && a.Verdict1x == rules.VerdictWarn) {
			return true
		}
	}
	return false
}
