package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Decision is the engine's whole answer for one set of answers: data only, rendered elsewhere.
// Its JSON form is the `recommend --format json` schema (version 1).
type Decision struct {
	SchemaVersion  int            `json:"schema_version"`
	Answers        AnswerList     `json:"answers"`
	Recommendation Recommendation `json:"recommendation"`
	Ranking        []Ranked       `json:"ranking"`
	Capacity       []CapacityRow  `json:"capacity"`
	FailureModes   []FailureCase  `json:"failure_modes"`
	Warnings       []Warning      `json:"warnings"`
	Trace          []Step         `json:"trace"`
	// Sources describes every source the decision cites, in the knowledge base's order.
	Sources   []Source     `json:"sources"`
	Knowledge KnowledgeRef `json:"knowledge"`
	// Org is the org the decision was made for, when it differs from the edition's formula:
	// bought add-ons and the snapshot of its real limits.
	Org *Org `json:"org,omitempty"`
}

// Feasible reports whether some mechanism meets every requirement.
func (d *Decision) Feasible() bool { return d.Recommendation.Mechanism != NoMechanism }

// Recommendation is the chosen pattern and mechanism.
type Recommendation struct {
	Pattern       string `json:"pattern"`
	PatternName   string `json:"pattern_name"`
	Mechanism     string `json:"mechanism"`
	MechanismName string `json:"mechanism_name"`
	Variant       string `json:"variant"`
	// Confidence is high, medium or low, from the margin over the best viable runner-up.
	Confidence string `json:"confidence"`
	// Capped is set when confidence was lowered because the lead rests on allocations;
	// Contradicted when it was lowered because some answers contradict each other.
	Capped       bool   `json:"confidence_capped,omitempty"`
	Contradicted bool   `json:"answers_contradict,omitempty"`
	Score        int    `json:"score"`
	Margin       int    `json:"margin"`
	RunnerUp     string `json:"runner_up"`
	Summary      string `json:"summary"`
	// Closest names the mechanism that came nearest when nothing meets the requirements
	// (Mechanism is then "none"), and WouldChange lists single answers that would let one meet
	// them.
	Closest     string   `json:"closest,omitempty"`
	WouldChange []Change `json:"would_change,omitempty"`
}

// NoMechanism is the recommendation's mechanism and pattern when nothing meets the requirements.
const NoMechanism = "none"

// Change is one answer that, changed on its own, would let some mechanism meet every requirement.
type Change struct {
	Field         string `json:"field"`
	Value         any    `json:"value"`
	Mechanism     string `json:"mechanism"`
	MechanismName string `json:"mechanism_name"`
}

// Ranked is one mechanism's place in the ranking, with every reason it gained or lost points.
type Ranked struct {
	Mechanism       string   `json:"mechanism"`
	Name            string   `json:"name"`
	Pattern         string   `json:"pattern"`
	PatternName     string   `json:"pattern_name"`
	Score           int      `json:"score"`
	Viable          bool     `json:"viable"`
	Reasons         []Reason `json:"reasons"`
	ExcludedBecause []string `json:"excluded_because"`
	// WhyNot says in one sentence why the mechanism is not the recommendation; empty for the winner.
	WhyNot string `json:"why_not,omitempty"`
}

// Reason is one matched rule's effect on one mechanism.
type Reason struct {
	Rule   string `json:"rule"`
	Effect string `json:"effect"`
	// Points is the effect as a number (0 for an exclusion), for sorting and sums.
	Points  int    `json:"points"`
	Because string `json:"because"`
	// Source is the URL of the first source; SourceIDs name every source, described once in
	// the decision's Sources.
	Source    string   `json:"source"`
	SourceIDs []string `json:"source_ids"`
}

// CapacityRow is one governing limit of one mechanism at the stated volume and at 10× it. A
// window's figures do not scale: its 10× columns repeat the stated ones.
type CapacityRow struct {
	Mechanism string `json:"mechanism"`
	Limit     string `json:"limit"`
	Title     string `json:"title"`
	Unit      string `json:"unit"`
	// Kind is budget (an org allocation), wall (a limit of one message or transaction) or window
	// (a time span compared with the receiver's downtime).
	Kind       string  `json:"kind"`
	Allocation float64 `json:"allocation"`
	// Usage is this integration's; OrgUsed is what the org already uses of the allocation (from
	// an org-limits snapshot), counted in the shares and verdicts.
	Usage1x    float64 `json:"usage_1x"`
	Usage10x   float64 `json:"usage_10x"`
	OrgUsed    float64 `json:"org_used,omitempty"`
	Share1x    float64 `json:"share_1x"`
	Share10x   float64 `json:"share_10x"`
	Verdict1x  string  `json:"verdict_1x"`
	Verdict10x string  `json:"verdict_10x"`
	// Basis says where the allocation came from: the edition's formula, or the org's snapshot;
	// Addon is the purchased amount included in it.
	Basis     string   `json:"basis,omitempty"`
	Addon     float64  `json:"addon,omitempty"`
	Note      string   `json:"note,omitempty"`
	Source    string   `json:"source"`
	SourceIDs []string `json:"source_ids"`
	// Remedies are what buys headroom (budgets) or recovers past the window (windows), with the
	// figures each reaches; listed when the row is not ok.
	Remedies []RemedyEffect `json:"remedies,omitempty"`

	points [2]float64 // budget points at each scale, after the cheapest remedy
	// advice is the remedies that apply, for their sentences; nil when none applies or nothing
	// will read them (Decide).
	advice *rowAdvice
}

// FailureCase is a failure mode to design for, as it applies to the recommended mechanism.
type FailureCase struct {
	ID           string   `json:"id"`
	Mechanism    string   `json:"mechanism"`
	Title        string   `json:"title"`
	HowItHappens string   `json:"how_it_happens"`
	Detection    string   `json:"detection"`
	Mitigation   string   `json:"mitigation"`
	Source       string   `json:"source"`
	SourceIDs    []string `json:"source_ids"`
}

// Warning flags answers that contradict each other or a risk the user should know about.
type Warning struct {
	ID      string `json:"id"`
	Message string `json:"message"`
}

// Step is one rule's evaluation, matched or not: the explanation trace.
type Step struct {
	Rule      string   `json:"rule"`
	File      string   `json:"file"`
	Mechanism string   `json:"mechanism,omitempty"`
	Matched   bool     `json:"matched"`
	Effects   []string `json:"effects,omitempty"`
	Because   string   `json:"because,omitempty"`
}

// KnowledgeRef names the knowledge base a decision was made with.
type KnowledgeRef struct {
	Version       string `json:"version"`
	LimitsRelease string `json:"limits_release"`
}

// Verdicts of a capacity row.
const (
	VerdictOK      = "ok"
	VerdictWarn    = "warn"
	VerdictExceeds = "exceeds"
)

// AnswerList is answers in question order; it marshals as a JSON object in that order.
type AnswerList []Answer

// MarshalJSON writes the answers as one object, keeping question order (a Go map would sort).
func (al AnswerList) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, a := range al {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(a.ID)
		v, err := json.Marshal(a.Value)
		if err != nil {
			return nil, fmt.Errorf("answer %s: %w", a.ID, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Get returns the value of one answer, or nil.
func (al AnswerList) Get(id string) any {
	for _, a := range al {
		if a.ID == id {
			return a.Value
		}
	}
	return nil
}

// Row returns the capacity row of one mechanism's limit, or nil when the decision has none.
func (d *Decision) Row(mechanism, limit string) *CapacityRow {
	for i := range d.Capacity {
		if d.Capacity[i].Mechanism == mechanism && d.Capacity[i].Limit == limit {
			return &d.Capacity[i]
		}
	}
	return nil
}
