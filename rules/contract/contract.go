package contract

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
)

// SchemaURL is where editors find the contract's JSON Schema (the same document
// `sfpattern schema contract` prints).
const SchemaURL = "https://raw.githubusercontent.com/sfpattern/sfpattern/main/rules/contract/contract.schema.json"

// todo marks a value only the team can fill in; lint reports every one left.
func todo(hint string) string { return "TODO: " + hint }

// Contract is an integration contract, schema version 1: the decision turned into obligations.
// Values the engine knows are filled in; the rest are TODO hints.
type Contract struct {
	SchemaVersion   int          `yaml:"schema_version" json:"schema_version"`
	Integration     Integration  `yaml:"integration" json:"integration"`
	SourceOfTruth   string       `yaml:"source_of_truth" json:"source_of_truth"`
	Direction       string       `yaml:"direction" json:"direction"`
	Interaction     string       `yaml:"interaction" json:"interaction"`
	Pattern         string       `yaml:"pattern" json:"pattern"`
	Mechanism       string       `yaml:"mechanism" json:"mechanism"`
	Variant         string       `yaml:"variant" json:"variant"`
	Trigger         Trigger      `yaml:"trigger" json:"trigger"`
	Volume          Volume       `yaml:"volume" json:"volume"`
	Latency         Latency      `yaml:"latency" json:"latency"`
	Receiver        Receiver     `yaml:"receiver" json:"receiver"`
	Delivery        Delivery     `yaml:"delivery" json:"delivery"`
	Payload         Payload      `yaml:"payload" json:"payload"`
	ErrorPath       ErrorPath    `yaml:"error_path" json:"error_path"`
	Monitoring      []Monitor    `yaml:"monitoring" json:"monitoring"`
	LimitsBudget    []Budget     `yaml:"limits_budget" json:"limits_budget"`
	Platform        Platform     `yaml:"platform" json:"platform"`
	Security        Security     `yaml:"security" json:"security"`
	StressTest      StressTest   `yaml:"stress_test" json:"stress_test"`
	RecoveryRunbook []string     `yaml:"recovery_runbook" json:"recovery_runbook"`
	Knowledge       KnowledgeRef `yaml:"knowledge" json:"knowledge"`
}

// Integration names the integration, its owner and the systems it joins.
type Integration struct {
	Name       string  `yaml:"name" json:"name"`
	OwningTeam string  `yaml:"owning_team" json:"owning_team"`
	Systems    Systems `yaml:"systems" json:"systems"`
}

// Systems are the two ends of the integration.
type Systems struct {
	Salesforce string `yaml:"salesforce" json:"salesforce"`
	External   string `yaml:"external" json:"external"`
}

// Trigger says what starts each exchange and how often.
type Trigger struct {
	StartsOn  string `yaml:"starts_on" json:"starts_on"`
	Frequency string `yaml:"frequency" json:"frequency"`
}

// Volume is the expected load and the stress target.
type Volume struct {
	PerDay             int64 `yaml:"per_day" json:"per_day"`
	PerRun             int64 `yaml:"per_run" json:"per_run"`
	PeakPerHour        int64 `yaml:"peak_per_hour" json:"peak_per_hour"`
	StressTargetPerDay int64 `yaml:"stress_target_per_day" json:"stress_target_per_day"`
}

// Latency is the objective class and the concrete target the team commits to.
type Latency struct {
	Objective string `yaml:"objective" json:"objective"`
	Target    string `yaml:"target" json:"target"`
}

// Receiver describes the receiving side: how it is reached, how many consume (and of those, how
// many are external clients and how many users watch live), how long it may be down and how long
// it takes to answer. The last three are pointers so that a contract written before they existed
// still reads as "not stated" (their defaults apply), not as zero.
type Receiver struct {
	Kind             string `yaml:"kind,omitempty" json:"kind,omitempty"`
	Subscribers      int    `yaml:"subscribers" json:"subscribers"`
	ExternalClients  *int   `yaml:"external_clients,omitempty" json:"external_clients,omitempty"`
	ScreenUsers      *int   `yaml:"screen_users,omitempty" json:"screen_users,omitempty"`
	MaxDowntimeHours int    `yaml:"max_downtime_hours" json:"max_downtime_hours"`
	ResponseSeconds  *int   `yaml:"response_seconds,omitempty" json:"response_seconds,omitempty"`
}

// Delivery states the delivery semantics and the keys that make retries safe.
type Delivery struct {
	Ack               string `yaml:"ack" json:"ack"`
	Semantics         string `yaml:"semantics" json:"semantics"`
	Ordering          string `yaml:"ordering" json:"ordering"`
	OrderingGuarantee string `yaml:"ordering_guarantee" json:"ordering_guarantee"`
	MessageID         string `yaml:"message_id" json:"message_id"`
	IdempotencyKey    string `yaml:"idempotency_key" json:"idempotency_key"`
	ReplayPosition    string `yaml:"replay_position" json:"replay_position"`
}

// Payload says what is sent and how large it is against the mechanism's limit.
type Payload struct {
	Objects []string `yaml:"objects" json:"objects"`
	Fields  []string `yaml:"fields" json:"fields"`
	SizeKB  int      `yaml:"size_kb" json:"size_kb"`
	LimitKB int      `yaml:"limit_kb,omitempty" json:"limit_kb,omitempty"`
}

// ErrorPath is what happens when a message fails: retries, the dead-letter queue, the alert.
type ErrorPath struct {
	Retry      Retry      `yaml:"retry" json:"retry"`
	DeadLetter DeadLetter `yaml:"dead_letter" json:"dead_letter"`
	Alert      Alert      `yaml:"alert" json:"alert"`
}

// Retry is the retry policy.
type Retry struct {
	Owner              string `yaml:"owner" json:"owner"`
	Attempts           int    `yaml:"attempts" json:"attempts"`
	BackoffBaseSeconds int    `yaml:"backoff_base_seconds" json:"backoff_base_seconds"`
	BackoffCapSeconds  int    `yaml:"backoff_cap_seconds" json:"backoff_cap_seconds"`
	Jitter             string `yaml:"jitter" json:"jitter"`
}

// DeadLetter is where failed messages wait, for how long, and who owns them.
type DeadLetter struct {
	Where         string `yaml:"where" json:"where"`
	RetentionDays any    `yaml:"retention_days" json:"retention_days"`
	Owner         string `yaml:"owner" json:"owner"`
}

// Alert is the page that fires when the dead-letter queue fills.
type Alert struct {
	DLQDepthThreshold any    `yaml:"dlq_depth_threshold" json:"dlq_depth_threshold"`
	Paged             string `yaml:"paged" json:"paged"`
}

// Monitor is one check: what to watch and when to alert.
type Monitor struct {
	What  string `yaml:"what" json:"what"`
	Alert string `yaml:"alert" json:"alert"`
}

// Budget is one governing limit's consumption at the stated volume and at the stress target:
// its kind (an org allocation, a fixed limit of one message or transaction, or a window), what
// the org already uses of it, and the remedies that buy headroom or recover past a window.
type Budget struct {
	Limit      string   `yaml:"limit" json:"limit"`
	Kind       string   `yaml:"kind,omitempty" json:"kind,omitempty"`
	Unit       string   `yaml:"unit" json:"unit"`
	Allocation float64  `yaml:"allocation" json:"allocation"`
	OrgUsed    float64  `yaml:"org_used,omitempty" json:"org_used,omitempty"`
	Usage1x    float64  `yaml:"usage_1x" json:"usage_1x"`
	Usage10x   float64  `yaml:"usage_10x" json:"usage_10x"`
	Verdict1x  string   `yaml:"verdict_1x" json:"verdict_1x"`
	Verdict10x string   `yaml:"verdict_10x" json:"verdict_10x"`
	Remedies   []string `yaml:"remedies,omitempty" json:"remedies,omitempty"`
}

// Platform is the org the allocations come from.
type Platform struct {
	Edition    string `yaml:"edition" json:"edition"`
	Licenses   int    `yaml:"licenses" json:"licenses"`
	Middleware bool   `yaml:"middleware" json:"middleware"`
}

// Security names the identity the integration runs as and how credentials are kept.
type Security struct {
	Principal string `yaml:"principal" json:"principal"`
	Secrets   string `yaml:"secrets" json:"secrets"`
}

// StressTest is the 10× test plan and what passing means.
type StressTest struct {
	VolumePerDay int64    `yaml:"volume_per_day" json:"volume_per_day"`
	PassCriteria []string `yaml:"pass_criteria" json:"pass_criteria"`
}

// KnowledgeRef names the knowledge base the contract was generated with.
type KnowledgeRef struct {
	Version       string `yaml:"version" json:"version"`
	LimitsRelease string `yaml:"limits_release" json:"limits_release"`
}

// BuildContract turns a decision into a contract skeleton: the engine's values filled in, the
// team's left as TODO hints. The answers stand where the question set places them.
func BuildContract(cat *rules.Catalog, d *rules.Decision) Contract {
	m := cat.Mechanism(d.Recommendation.Mechanism)
	def := m.Contract
	c := Contract{
		SchemaVersion: 1,
		Integration: Integration{
			OwningTeam: todo("the team that owns this integration end to end"),
			Systems:    Systems{Salesforce: todo("the org (My Domain) and environment"), External: todo("the other system and its owner")},
		},
		Pattern: d.Recommendation.Pattern, Mechanism: m.ID, Variant: d.Recommendation.Variant,
		Latency: Latency{Target: todo("the measurable target, e.g. 95 % within N seconds")},
		Delivery: Delivery{
			Semantics: def.Delivery, OrderingGuarantee: def.Ordering,
			MessageID: def.MessageID, IdempotencyKey: def.IdempotencyKey, ReplayPosition: def.ReplayPosition,
		},
		Payload: Payload{
			Objects: []string{todo("the Salesforce objects involved")},
			Fields:  []string{todo("the fields that cross, and which side owns each")},
			LimitKB: payloadLimit(d),
		},
		ErrorPath: ErrorPath{
			Retry: Retry{
				Owner: def.Retry.Owner, Attempts: def.Retry.Attempts, BackoffBaseSeconds: def.Retry.BackoffBaseSeconds,
				BackoffCapSeconds: def.Retry.BackoffCapSeconds, Jitter: def.Retry.Jitter,
			},
			DeadLetter: DeadLetter{Where: def.DeadLetter, RetentionDays: todo("days failed messages are kept"), Owner: todo("who triages the dead-letter queue")},
			Alert:      Alert{DLQDepthThreshold: todo("messages waiting before someone is paged"), Paged: todo("the on-call rota that is paged")},
		},
		Monitoring:      monitors(def.Monitoring),
		LimitsBudget:    budget(d, m.ID),
		Security:        Security{Principal: def.Security, Secrets: todo("where credentials live and how they rotate")},
		RecoveryRunbook: RecoveryRunbook(m.Runbook, d),
		Knowledge:       KnowledgeRef{Version: d.Knowledge.Version, LimitsRelease: d.Knowledge.LimitsRelease},
	}
	stateAnswers(cat, &c, d.Answers)
	factor := int64(cat.Knowledge.Capacity.StressFactor)
	c.Trigger.Frequency = frequency(c.Trigger.StartsOn)
	c.Volume.PeakPerHour = peakHour(c.Volume.PerDay, c.Volume.PerRun)
	c.Volume.StressTargetPerDay = c.Volume.PerDay * factor
	c.StressTest = stressTest(factor, c.Volume.PerDay)
	return c
}

// WriteContract writes a contract as YAML with the schema comment editors use for validation,
// with any control character escaped (the contract may carry a stored runbook's text).
func WriteContract(w io.Writer, c Contract) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# yaml-language-server: $schema=%s\n", SchemaURL)
	buf.WriteString("# Integration contract generated by sfpattern. Replace every TODO, then run `sfpattern lint` on this file.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(c); err != nil {
		return fmt.Errorf("contract: writing the contract: %w", err)
	}
	_, err := io.WriteString(w, safetext.Escape(buf.String()))
	return err
}

// frequency says how often exchanges happen, from what starts them.
func frequency(startsOn string) string {
	switch startsOn {
	case "schedule":
		return todo("the schedule, e.g. daily at 02:00 UTC, and the batch window")
	case "user_action":
		return "on each user action"
	case "external_event":
		return "on each event in the other system"
	}
	return "on each record change"
}

// peakHour mirrors the capacity model's busiest hour: an even spread, or one whole run.
func peakHour(day, run int64) int64 {
	return min(day, max(int64(math.Ceil(float64(day)/24)), run))
}

// payloadLimit is the tightest size limit among the chosen mechanism's capacity rows, in KB.
func payloadLimit(d *rules.Decision) int {
	limit := 0
	for _, row := range d.Capacity {
		if row.Mechanism == d.Recommendation.Mechanism && row.Unit == "KB" && (limit == 0 || int(row.Allocation) < limit) {
			limit = int(row.Allocation)
		}
	}
	return limit
}

func monitors(checks []string) []Monitor {
	out := make([]Monitor, len(checks))
	for i, c := range checks {
		out[i] = Monitor{What: c, Alert: todo("threshold and who is alerted")}
	}
	return out
}

func budget(d *rules.Decision, mechanism string) []Budget {
	var out []Budget
	for _, r := range d.Capacity {
		if r.Mechanism == mechanism {
			out = append(out, Budget{
				Limit: r.Limit, Kind: r.Kind, Unit: r.Unit, Allocation: r.Allocation, OrgUsed: r.OrgUsed,
				Usage1x: math.Ceil(r.Usage1x), Usage10x: math.Ceil(r.Usage10x), Verdict1x: r.Verdict1x, Verdict10x: r.Verdict10x,
				Remedies: remedyNotes(r),
			})
		}
	}
	return out
}

// remedyNotes writes a row's remedies as the contract's notes: what each reaches.
func remedyNotes(r rules.CapacityRow) []string {
	out := make([]string, 0, len(r.Remedies))
	for _, rem := range r.Remedies {
		out = append(out, RemedyText(rem))
	}
	return out
}

// RemedyText says in one line what a remedy reaches at the stated volume and at 10×: "one platform
// event add-on licence: 60,000 of 150,000 (40 %); at 10×: 600,000 of 150,000 (400 %)".
func RemedyText(rem rules.RemedyEffect) string {
	s := rem.Title
	if f := remedyFigure(rem.UsageAfter, rem.AllocationAfter, rem.ShareAfter); f != "" {
		s += ": " + f
	}
	if f := remedyFigure(rem.UsageAfter10x, rem.AllocationAfter10x, rem.ShareAfter10x); f != "" {
		s += "; at 10×: " + f
	}
	if rem.Note != "" {
		s += " (" + strings.TrimSuffix(rem.Note, ".") + ")"
	}
	return s
}

// remedyFigure writes the figure a remedy changes: the usage after a design change, or the
// allocation after a purchase, with the share it leaves.
func remedyFigure(usage, alloc, share *float64) string {
	if share == nil {
		return ""
	}
	pct := rules.FormatPercent(*share)
	switch {
	case usage != nil:
		return rules.FormatNumber(math.Ceil(*usage)) + " (" + pct + ")"
	case alloc != nil:
		return rules.FormatNumber(*alloc) + " available (" + pct + ")"
	}
	return pct
}

// RecoveryRunbook is the mechanism's runbook, followed by the recovery design each exceeded
// window of the decision calls for: the receiver's outage runs past what Salesforce bridges.
func RecoveryRunbook(steps []string, d *rules.Decision) []string {
	out := append([]string(nil), steps...)
	for _, r := range d.Capacity {
		if r.Mechanism != d.Recommendation.Mechanism || r.Kind != rules.KindWindow || r.Verdict1x != rules.VerdictExceeds {
			continue
		}
		for _, rem := range r.Remedies {
			out = append(out, fmt.Sprintf("If the outage outlasts %s (%s %s): %s.", strings.ToLower(r.Title[:1])+r.Title[1:],
				rules.FormatNumber(r.Allocation), r.Unit, rem.Title))
		}
	}
	return out
}

// stressTest is the plan for the test at factor times the daily volume.
func stressTest(factor, perDay int64) StressTest {
	return StressTest{
		VolumePerDay: perDay * factor,
		PassCriteria: []string{
			fmt.Sprintf("every limit in limits_budget stays below 100 %% of its allocation at %d× the daily volume", factor),
			"the dead-letter queue is empty after the run, or every entry is explained",
			"the latency target holds for 95 % of messages during the run",
			"a replay or resend of the whole run creates no duplicate records",
		},
	}
}

// IsTODO reports whether a value is still a TODO hint.
func IsTODO(s string) bool { return strings.HasPrefix(strings.TrimSpace(s), "TODO") }
