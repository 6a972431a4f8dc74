package rules

import (
	"math"
	"slices"
	"strings"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// Remedy is one way to buy headroom on a budget, or to recover when an outage outlasts a window.
// At most one of Adds, Usage, Edition, Phase and Gap says what it changes; a design or recovery
// remedy may change no figure and only describe the design (it is then shown, not scored).
type Remedy struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	// Kind prices the remedy for scoring: purchase, design, edition, phase or recovery.
	Kind string `yaml:"kind"`
	// Adds is an expression for the allocation the remedy adds (a purchase).
	Adds string `yaml:"adds"`
	// Usage is an expression for the usage after the change, over the answers and facts.
	Usage string `yaml:"usage"`
	// Edition names a larger edition whose allocation for the same licences applies.
	Edition string `yaml:"edition"`
	// Phase spreads the work over as many days as the allocation needs ({days} in the title).
	Phase bool `yaml:"phase"`
	// Gap buys what is missing, rounded up to a multiple of Gap (0: not a gap remedy).
	Gap float64 `yaml:"gap"`
	// MaxShare, if set, limits the remedy to rows at most this far over (policy: buying the
	// allocation twice over, or phasing a load over weeks, is no longer a remedy).
	MaxShare float64 `yaml:"max_share"`
	// When, if set, limits the remedy to answers where it applies.
	When    string   `yaml:"when"`
	Note    string   `yaml:"note"`
	Sources []string `yaml:"sources"`

	adds, usage *cond.Number
	when        *cond.Condition
	cited       citation
	titleText   string // Title on one line
	note        string // Note on one line
}

// Remedy kinds.
const (
	RemedyPurchase = "purchase"
	RemedyDesign   = "design"
	RemedyEdition  = "edition"
	RemedyPhase    = "phase"
	RemedyRecovery = "recovery"
)

func (l *loader) checkRemedies(file string, lim *Limit) {
	seen := map[string]bool{}
	for _, r := range dropEmpty(l, file, "remedy", lim.Remedies) {
		item := lim.ID + " remedy " + r.ID
		if r.ID == "" || r.Title == "" || seen[r.ID] {
			l.problemf(file, item, "a remedy needs an id unique within its limit and a title")
		}
		seen[r.ID] = true
		if !slices.Contains([]string{RemedyPurchase, RemedyDesign, RemedyEdition, RemedyPhase, RemedyRecovery}, r.Kind) {
			l.problemf(file, item, "kind must be purchase, design, edition, phase or recovery, not %q", r.Kind)
		}
		if r.Gap < 0 || math.IsNaN(r.Gap) || math.IsInf(r.Gap, 0) {
			l.problemf(file, item, "gap is the amount a purchase is rounded up to: a positive number, not %v", r.Gap)
		}
		if n := r.changes(); n > 1 || (n == 0 && r.Kind != RemedyRecovery && r.Kind != RemedyDesign) {
			l.problemf(file, item, "says what it changes with at most one of adds, usage, edition, phase or gap (only a design or a recovery may change no figure)")
		}
		if r.Phase != (r.Kind == RemedyPhase) || (r.Edition != "") != (r.Kind == RemedyEdition) {
			l.problemf(file, item, "phase: true goes with kind phase, edition with kind edition")
		}
		if strings.Contains(strings.ReplaceAll(r.Title, "{days}", ""), "{") {
			l.problemf(file, item, "a remedy title may only use the placeholder {days}")
		}
		l.checkSources(file, item, r.Sources)
	}
}

// changes counts the figures a remedy changes.
func (r *Remedy) changes() int {
	n := 0
	for _, set := range []bool{r.Adds != "", r.Usage != "", r.Edition != "", r.Phase, r.Gap != 0} {
		if set {
			n++
		}
	}
	return n
}

// compileRemedies compiles every remedy's expressions against the full environment (answers,
// facts, limits and model), since they are evaluated beside the capacity rows.
func (l *loader) compileRemedies() {
	shape := l.c.envShape
	for _, lim := range l.c.Limits {
		for _, r := range lim.Remedies {
			item := lim.ID + " remedy " + r.ID
			if r.Edition != "" && !slices.Contains(l.c.editions, r.Edition) {
				l.problemf("limits.yaml", item, "unknown edition %q", r.Edition)
			}
			r.when = l.optionalCondition("limits.yaml", item, shape, r.When)
			r.adds = l.optionalValue(item, shape, r.Adds)
			r.usage = l.optionalValue(item, shape, r.Usage)
			r.cited = l.c.cite(r.Sources)
			r.titleText, r.note = oneLine(r.Title), oneLine(r.Note)
		}
	}
}

// oneLine folds a text from the knowledge base into its first line.
func oneLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(first)
}

func (l *loader) optionalValue(item string, shape cond.Shape, src string) *cond.Number {
	if src == "" {
		return nil
	}
	v, err := cond.CompileNumber(shape, src)
	if err != nil {
		l.problemf("limits.yaml", item, "%v", err)
	}
	return v
}

// RemedyEffect is one remedy applied to one capacity row: the figures it reaches at the stated
// volume and at the stress scale (nil where the remedy changes no figure, or does not apply).
type RemedyEffect struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Kind  string `json:"kind"`
	// AllocationAfter is the allocation after a purchase or a larger edition.
	AllocationAfter    *float64 `json:"allocation_after,omitempty"`
	AllocationAfter10x *float64 `json:"allocation_after_10x,omitempty"`
	// UsageAfter is the usage after a design change or a phased load.
	UsageAfter    *float64 `json:"usage_after,omitempty"`
	UsageAfter10x *float64 `json:"usage_after_10x,omitempty"`
	// ShareAfter is the share of the allocation after the remedy, the org's own use included.
	ShareAfter      *float64 `json:"share_after,omitempty"`
	ShareAfter10x   *float64 `json:"share_after_10x,omitempty"`
	VerdictAfter    string   `json:"verdict_after,omitempty"`
	VerdictAfter10x string   `json:"verdict_after_10x,omitempty"`
	Note            string   `json:"note,omitempty"`
	Source          string   `json:"source"`
	SourceIDs       []string `json:"source_ids"`
}

// remedyFigures is what one remedy reaches at one scale.
type remedyFigures struct {
	allocation, usage, share float64
	changesAllocation        bool
	changesUsage             bool
	days                     int
}

// apply works out a remedy's figures for a row at one scale; ok is false when the remedy does not
// apply there (its condition fails, or it would not help).
func (ev *evaluation) remedyAt(r *Remedy, row *CapacityRow, scale int, env *cond.Vars) (remedyFigures, bool) {
	usage, alloc := row.Usage1x, row.Allocation
	if scale == 1 {
		usage = row.Usage10x
	}
	used := row.OrgUsed
	f := remedyFigures{allocation: alloc, usage: usage}
	if r.MaxShare > 0 && row.Share(scale) > r.MaxShare {
		return f, false
	}
	if ok, err := ev.holds(r.when, env); err != nil || !ok {
		return f, false
	}
	switch {
	case r.adds != nil:
		extra, err := ev.number(r.adds, env)
		if err != nil || extra <= 0 {
			return f, false
		}
		f.allocation, f.changesAllocation = alloc+extra, true
	case r.usage != nil:
		after, err := ev.number(r.usage, env)
		if err != nil || after >= usage {
			return f, false
		}
		f.usage, f.changesUsage = after, true
	case r.Edition != "":
		vals, err := ev.c.limitValues(r.Edition, ev.licenses)
		if err != nil || vals[row.Limit]+ev.addon(row.Limit) <= alloc {
			return f, false
		}
		f.allocation, f.changesAllocation = vals[row.Limit]+ev.addon(row.Limit), true
	case r.Gap > 0:
		need := math.Ceil((used+usage)/r.Gap) * r.Gap
		if need <= alloc {
			return f, false
		}
		f.allocation, f.changesAllocation = need, true
	case r.Phase:
		free := alloc - used
		if free <= 0 || usage <= free {
			return f, false
		}
		f.days = int(math.Ceil(usage / free))
		f.usage, f.changesUsage = math.Ceil(usage/float64(f.days)), true
	}
	f.share = share(used+f.usage, f.allocation)
	return f, true
}

// title renders a remedy's title for the figures it reached.
func (r *Remedy) title(f remedyFigures) string {
	if f.days > 0 {
		return strings.ReplaceAll(r.titleText, "{days}", formatInt(int64(f.days)))
	}
	return r.titleText
}
