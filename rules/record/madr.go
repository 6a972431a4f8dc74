package record

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
)

// Meta is what a decision record says beyond the engine's answer: its MADR status, its date and
// the people involved (MADR's decision-makers, and the C and I of RACI).
type Meta struct {
	// Status is one of Statuses; empty means proposed.
	Status         string
	Date           time.Time
	DecisionMakers []string
	Consulted      []string
	Informed       []string
}

// Statuses are MADR 4.0.0's status values. "superseded by ADR-0123" counts as superseded.
var Statuses = []string{"proposed", "rejected", "accepted", "deprecated", "superseded"}

// ParseStatus checks a status given by a person and returns it as the record writes it:
// lowercase, "proposed" when empty.
func ParseStatus(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return Statuses[0], nil
	}
	lower := strings.ToLower(s)
	if slices.Contains(Statuses, lower) {
		return lower, nil
	}
	if ref, ok := strings.CutPrefix(lower, "superseded by "); ok && ref != "" {
		return "superseded by " + s[len("superseded by "):], nil
	}
	return "", fmt.Errorf("unknown status %q; use one of %s (or \"superseded by ADR-0123\")", clipValue(s), strings.Join(Statuses, ", "))
}

// Title is a record's title: the decision, then the integration it is about.
func Title(d *rules.Decision) string {
	name, _ := d.Answers.Role(rules.RoleTitle).(string)
	if !d.Feasible() {
		return "No Salesforce mechanism meets the requirements of " + mdInline(name)
	}
	return "Use " + d.Recommendation.MechanismName + " for " + mdInline(name)
}

// Write writes a decision as a MADR 4.0.0 record: YAML front matter, then MADR's sections in
// MADR's order (context, drivers, options, outcome with consequences and confirmation, pros and
// cons of every option, more information), and last the answers block that `check` and
// `--answers RECORD.md` replay. The output depends only on its arguments, and carries no control
// character but newlines.
func Write(w io.Writer, cat *rules.Catalog, d *rules.Decision, m Meta) error {
	status, err := ParseStatus(m.Status)
	if err != nil {
		return err
	}
	m.Status = status
	switch {
	case m.Date.IsZero():
		return errors.New("record: the record needs a date")
	case len(d.Ranking) == 0:
		return errors.New("record: the decision ranks no mechanism")
	}
	r := &madr{cat: cat, d: d, meta: m}
	for _, section := range []func() error{
		r.frontMatter, r.title, r.context, r.drivers, r.options, r.outcome, r.prosAndCons, r.moreInformation,
	} {
		if err := section(); err != nil {
			return fmt.Errorf("record: %w", err)
		}
	}
	// Names were refused at validation and rule texts escaped at load; this is the last guard.
	_, err = io.WriteString(w, safetext.Escape(r.b.String()))
	return err
}

// madr accumulates one record.
type madr struct {
	cat  *rules.Catalog
	d    *rules.Decision
	meta Meta
	b    bytes.Buffer
}

func (r *madr) printf(format string, args ...any) { fmt.Fprintf(&r.b, format, args...) }

// heading starts a section with exactly one blank line before it.
func (r *madr) heading(level int, title string) {
	if !bytes.HasSuffix(r.b.Bytes(), []byte("\n\n")) {
		r.b.WriteByte('\n')
	}
	r.printf("%s %s\n\n", strings.Repeat("#", level), title)
}

func (r *madr) bullet(text string) { r.printf("* %s\n", text) }

// chosen is the winning mechanism's ranking entry.
func (r *madr) chosen() *rules.Ranked { return &r.d.Ranking[0] }

// stress is the capacity model's multiple of the stated volume, written as people read it: "10×".
func (r *madr) stress() string {
	return fmt.Sprintf("%d×", r.cat.Knowledge.Capacity.StressFactor)
}

func (r *madr) frontMatter() error {
	rec := r.d.Recommendation
	fm := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) {
		fm.Content = append(fm.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
	}
	add("status", yamlString(r.meta.Status))
	// A plain date, as MADR writes it (a quoted string would be just as valid YAML).
	add("date", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: r.meta.Date.Format(time.DateOnly)})
	add("decision-makers", flowList(r.meta.DecisionMakers))
	add("consulted", flowList(r.meta.Consulted))
	add("informed", flowList(r.meta.Informed))
	direction, _ := r.d.Answers.Role(rules.RoleInitiator).(string)
	add("tags", flowList([]string{rec.Mechanism, rec.Pattern, direction}))
	add("summary", yamlString(mdInline(rec.Summary)))
	out, err := yaml.Marshal(fm)
	if err != nil {
		return fmt.Errorf("front matter: %w", err)
	}
	r.printf("---\n%s---\n", out)
	return nil
}

func yamlString(s string) *yaml.Node {
	var n yaml.Node
	n.SetString(s)
	return &n
}

// flowList writes a list on one line, as MADR's examples do.
func flowList(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, it := range items {
		if it = mdInline(it); it != "" {
			n.Content = append(n.Content, yamlString(it))
		}
	}
	return n
}

func (r *madr) title() error {
	r.heading(1, Title(r.d))
	return nil
}

// rowsOf returns a mechanism's capacity rows, in the engine's order.
func (r *madr) rowsOf(mechanism string) []rules.CapacityRow {
	var rows []rules.CapacityRow
	for _, row := range r.d.Capacity {
		if row.Mechanism == mechanism {
			rows = append(rows, row)
		}
	}
	return rows
}

// options lists every mechanism, best first, with the pattern it would implement.
func (r *madr) options() error {
	r.heading(2, "Considered Options")
	for i, rk := range r.d.Ranking {
		r.printf("%d. %s (%s): %s\n", i+1, rk.Name, rk.PatternName, r.standing(i))
	}
	return nil
}

// standing says where a ranked mechanism ended up, in a few words.
func (r *madr) standing(i int) string {
	rk := r.d.Ranking[i]
	switch {
	case i == 0 && !rk.Viable:
		return "ruled out, but the closest"
	case i == 0:
		return fmt.Sprintf("score %d, chosen", rk.Score)
	case !rk.Viable:
		return "ruled out"
	}
	return fmt.Sprintf("score %d, %d behind", rk.Score, r.chosen().Score-rk.Score)
}

func (r *madr) outcome() error {
	rec := r.d.Recommendation
	r.heading(2, "Decision Outcome")
	if !r.d.Feasible() {
		return r.noOutcome()
	}
	r.printf("Chosen option: %q, because %s\n\n", rec.MechanismName, r.justification())
	r.bullet("Pattern: " + rec.PatternName)
	r.bullet("Build it as: " + mdInline(rec.Variant))
	r.bullet("Confidence: " + rec.Confidence)
	if rec.Score < r.cat.Knowledge.Confidence.MinScore {
		r.printf("\nIt has more against it than for it: read the consequences and warnings before building on it.\n")
	}
	r.warnings()
	r.consequences()
	r.confirmation()
	return nil
}

// noOutcome records that no option is chosen: nothing meets the requirements, and which single
// changes of answer would allow a design.
func (r *madr) noOutcome() error {
	rec := r.d.Recommendation
	r.printf("No option is chosen. %s\n", mdInline(rec.Summary))
	if len(rec.WouldChange) > 0 {
		r.printf("\nAny one of these changes would allow a design:\n\n")
		for _, ch := range rec.WouldChange {
			r.bullet(fmt.Sprintf("`%s = %v`: %s", ch.Field, ch.Value, mdInline(ch.MechanismName)))
		}
	}
	r.warnings()
	return nil
}

// justification completes "Chosen option: …, because".
func (r *madr) justification() string {
	rec := r.d.Recommendation
	if rec.RunnerUp == "" {
		return "it is the only option these answers leave: every other mechanism is ruled out (see Pros and Cons of the Options)."
	}
	runner := r.cat.Mechanism(rec.RunnerUp)
	return fmt.Sprintf("it comes out best for these answers: it scores %d, %d ahead of %s, the best of the rest.",
		rec.Score, rec.Margin, runner.Name)
}

// consequences are the chosen option's good and bad sides: its reasons, and what the stress
// test says about it.
func (r *madr) consequences() {
	r.heading(3, "Consequences")
	good, bad := 0, 0
	for _, reason := range r.chosen().Reasons {
		if reason.Points > 0 {
			r.bullet("Good, because " + reasonText(reason))
			good++
		}
	}
	for _, reason := range r.chosen().Reasons {
		if reason.Points < 0 || reason.Effect == rules.EffectExclude {
			r.bullet("Bad, because " + reasonText(reason))
			bad++
		}
	}
	for _, w := range r.stressWarnings() {
		r.bullet("Bad, because " + lowerFirst(mdInline(w.Message)))
		bad++
	}
	if good == 0 {
		r.bullet("Neutral, because no rule counted in its favour for these answers.")
	}
	if bad == 0 {
		r.bullet("Neutral, because no rule counted against it for these answers; the failure modes under More Information are still its risks.")
	}
}

// stressWarnings are the engine's warnings that the chosen design does not survive the stress
// test; the other warnings are listed under More Information.
func (r *madr) stressWarnings() []rules.Warning {
	var out []rules.Warning
	for _, w := range r.d.Warnings {
		if isStressWarning(w) {
			out = append(out, w)
		}
	}
	return out
}

func isStressWarning(w rules.Warning) bool { return strings.HasPrefix(w.ID, "stress-") }

// reasonText is a matched rule's sentence, continuing "Good, because …", with its points and id.
func reasonText(reason rules.Reason) string {
	effect := reason.Effect
	if effect == rules.EffectExclude {
		effect = "ruled out"
	}
	return fmt.Sprintf("%s (%s, `%s`)", lowerFirst(mdInline(reason.Because)), effect, reason.Rule)
}

// confirmation says how the team will know the decision works: the stress test against every
// allocation, and the monitoring the mechanism needs.
func (r *madr) confirmation() {
	r.heading(3, "Confirmation")
	r.printf("The decision is confirmed when:\n\n")
	perDay, _ := r.d.Answers.Role(rules.RoleDailyVolume).(int)
	rows := r.rowsOf(r.chosen().Mechanism)
	r.bullet(fmt.Sprintf("a load test at %s the stated volume (%s records a day) stays within every allocation %s consumes. The capacity model expects:",
		r.stress(), rules.FormatNumber(float64(perDay*r.cat.Knowledge.Capacity.StressFactor)), r.chosen().Name))
	for _, row := range rows {
		line := fmt.Sprintf("  * %s: %s of %s %s (%s, %s)", mdInline(row.Title), rules.FormatNumber(row.Usage10x),
			rules.FormatNumber(row.Allocation), row.Unit, rules.FormatPercent(row.Share10x), row.Verdict10x)
		if row.Verdict10x != rules.VerdictOK {
			line += ": plan this headroom before the test can pass"
		}
		r.printf("%s\n", line)
	}
	if m := r.cat.Mechanism(r.chosen().Mechanism); m != nil && len(m.Contract.Monitoring) > 0 {
		r.bullet("monitoring is live and alerts on:")
		for _, check := range m.Contract.Monitoring {
			r.printf("  * %s\n", mdInline(check))
		}
	}
	if len(r.d.FailureModes) > 0 {
		r.bullet("each failure mode under More Information has its detection in place, and a rehearsal has shown the alert firing and the runbook working.")
	}
}

// prosAndCons gives every option its good and bad sides, each a matched rule quoting the answers.
func (r *madr) prosAndCons() error {
	r.heading(2, "Pros and Cons of the Options")
	for i, rk := range r.d.Ranking {
		r.printf("### %s\n\n", rk.Name)
		r.printf("%s; %s.", rk.PatternName, r.standing(i))
		if m := r.cat.Mechanism(rk.Mechanism); m != nil {
			r.printf(" %s", mdInline(m.Summary))
		}
		r.printf("\n\n")
		n := 0
		for _, reason := range rk.Reasons {
			if reason.Points > 0 {
				r.bullet("Good, because " + reasonText(reason))
				n++
			}
		}
		for _, reason := range rk.Reasons {
			if reason.Points <= 0 {
				r.bullet("Bad, because " + reasonText(reason))
				n++
			}
		}
		if n == 0 {
			r.bullet("Neutral, because no rule weighed on it for these answers.")
		}
		if i < len(r.d.Ranking)-1 {
			r.printf("\n")
		}
	}
	return nil
}
