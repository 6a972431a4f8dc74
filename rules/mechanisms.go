package rules

import (
	"path"
	"strings"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// Mechanism is a Salesforce integration mechanism the engine ranks.
type Mechanism struct {
	ID      string `yaml:"id"`
	Name    string `yaml:"name"`
	Summary string `yaml:"summary"`
	// Patterns are the integration patterns the mechanism implements; the first whose condition
	// holds names the pattern of a design built on it.
	Patterns []PatternChoice `yaml:"patterns"`
	// Variants name the concrete way to build it; the first whose condition holds is chosen.
	Variants []Variant `yaml:"variants"`
	// Capacity lists the allocations and limits the mechanism consumes.
	Capacity     []CapacityRule `yaml:"capacity"`
	FailureModes []string       `yaml:"failure_modes"`
	Sources      []string       `yaml:"sources"`
	// Contract holds the values a generated integration contract starts from.
	Contract ContractDefaults `yaml:"contract"`
	// Runbook is the on-call's recovery steps, in order.
	Runbook []string `yaml:"runbook"`
	// Doc is the mechanism's Markdown page.
	Doc string `yaml:"-"`

	file               string
	boxedID, boxedName any    // ID and Name as interface values, boxed once for rule environments
	reliefWarning      string // the id of the warning that it would lead without its allocations
}

// ContractDefaults are a mechanism's starting values for an integration contract: delivery
// semantics, the error path and monitoring. Retry figures are starting points, not platform limits.
type ContractDefaults struct {
	Delivery       string        `yaml:"delivery"`
	MessageID      string        `yaml:"message_id"`
	IdempotencyKey string        `yaml:"idempotency_key"`
	ReplayPosition string        `yaml:"replay_position"`
	Ordering       string        `yaml:"ordering"`
	Retry          RetryDefaults `yaml:"retry"`
	DeadLetter     string        `yaml:"dead_letter"`
	Monitoring     []string      `yaml:"monitoring"`
	Security       string        `yaml:"security"`
}

// RetryDefaults is a mechanism's default retry policy: who retries, how often, how fast.
type RetryDefaults struct {
	Owner              string `yaml:"owner"`
	Attempts           int    `yaml:"attempts"`
	BackoffBaseSeconds int    `yaml:"backoff_base_seconds"`
	BackoffCapSeconds  int    `yaml:"backoff_cap_seconds"`
	Jitter             string `yaml:"jitter"`
}

// PatternChoice maps a condition on the answers to the pattern a design implements.
type PatternChoice struct {
	Pattern string `yaml:"pattern"`
	When    string `yaml:"when"`

	when *cond.Condition
}

// Variant is one concrete way to build a mechanism, chosen when its condition holds.
type Variant struct {
	Name string `yaml:"name"`
	When string `yaml:"when"`

	when *cond.Condition
}

// CapacityRule says how a design on a mechanism consumes one limit: usage is an expression over
// the answers and the facts at the scale being evaluated.
type CapacityRule struct {
	Limit string `yaml:"limit"`
	Usage string `yaml:"usage"`
	When  string `yaml:"when"`
	// Note explains the estimate in a sentence (shown beside the row).
	Note string `yaml:"note"`

	usage *cond.Number
	when  *cond.Condition
	limit *Limit // Limit, resolved at load
}

func (l *loader) loadMechanisms() {
	for _, file := range l.glob("mechanisms/*.yaml") {
		var m Mechanism
		if !l.read(file, &m) {
			continue
		}
		m.file = file
		m.boxedID, m.boxedName, m.reliefWarning = m.ID, m.Name, "capacity-relief-"+m.ID
		if want := strings.TrimSuffix(path.Base(file), ".yaml"); m.ID != want {
			l.problemf(file, m.ID, "id must match the file name %q", want)
		}
		if m.Name == "" || m.Summary == "" {
			l.problemf(file, m.ID, "needs a name and a summary")
		}
		l.checkSources(file, m.ID, m.Sources)
		m.Doc = l.readDoc(strings.TrimSuffix(file, ".yaml")+".md", m.ID)
		l.c.Mechanisms = append(l.c.Mechanisms, &m)
	}
	l.c.mechanismByID = indexByID(l, "mechanisms/", "mechanism", l.c.Mechanisms, func(m *Mechanism) string { return m.ID })
}

// compileMechanism resolves a mechanism's references and compiles its expressions.
func (l *loader) compileMechanism(m *Mechanism) {
	shape := l.c.envShape
	if len(m.Patterns) == 0 || m.Patterns[len(m.Patterns)-1].When != "" {
		l.problemf(m.file, m.ID, "patterns must end with an unconditional choice")
	}
	for i := range m.Patterns {
		pc := &m.Patterns[i]
		if l.c.patternByID[pc.Pattern] == nil {
			l.problemf(m.file, m.ID, "unknown pattern %q", pc.Pattern)
		}
		pc.when = l.optionalCondition(m.file, m.ID, shape, pc.When)
	}
	if len(m.Variants) == 0 || m.Variants[len(m.Variants)-1].When != "" {
		l.problemf(m.file, m.ID, "variants must end with an unconditional choice")
	}
	for i := range m.Variants {
		m.Variants[i].when = l.optionalCondition(m.file, m.ID, shape, m.Variants[i].When)
	}
	if len(m.Capacity) == 0 {
		l.problemf(m.file, m.ID, "lists no governing limit")
	}
	for i := range m.Capacity {
		cr := &m.Capacity[i]
		if l.c.limitByID[cr.Limit] == nil {
			l.problemf(m.file, m.ID, "capacity: unknown limit %q", cr.Limit)
		}
		v, err := cond.CompileNumber(shape, cr.Usage)
		if err != nil {
			l.problemf(m.file, m.ID, "capacity %s: %v", cr.Limit, err)
		}
		cr.usage, cr.limit = v, l.c.limitByID[cr.Limit]
		cr.when = l.optionalCondition(m.file, m.ID, shape, cr.When)
	}
	if m.Contract.Delivery == "" || m.Contract.Retry.Owner == "" || len(m.Contract.Monitoring) == 0 || len(m.Runbook) == 0 {
		l.problemf(m.file, m.ID, "needs contract defaults (delivery, retry owner, monitoring) and a runbook")
	}
	if len(m.FailureModes) < 3 {
		l.problemf(m.file, m.ID, "needs at least 3 failure modes, has %d", len(m.FailureModes))
	}
	for _, id := range m.FailureModes {
		if l.c.failureByID[id] == nil {
			l.problemf(m.file, m.ID, "unknown failure mode %q", id)
		}
	}
}

// optionalCondition compiles src, or returns nil (always true) when src is empty.
func (l *loader) optionalCondition(file, item string, shape cond.Shape, src string) *cond.Condition {
	if src == "" {
		return nil
	}
	c, err := cond.Compile(shape, src)
	if err != nil {
		l.problemf(file, item, "%v", err)
	}
	return c
}

// checkCoverage reports patterns no mechanism implements and failure modes no mechanism lists,
// which would be dead knowledge.
func (l *loader) checkCoverage() {
	usedPattern := map[string]bool{}
	usedFailure := map[string]bool{}
	for _, m := range l.c.Mechanisms {
		for _, pc := range m.Patterns {
			usedPattern[pc.Pattern] = true
		}
		for _, id := range m.FailureModes {
			usedFailure[id] = true
		}
	}
	for _, p := range l.c.Patterns {
		if !usedPattern[p.ID] {
			l.problemf("patterns/"+p.ID+".yaml", p.ID, "no mechanism implements this pattern")
		}
	}
	for _, fm := range l.c.FailureModes {
		if !usedFailure[fm.ID] {
			l.problemf(fm.file, fm.ID, "no mechanism lists this failure mode")
		}
	}
}
