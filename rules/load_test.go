package rules_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sfpattern/sfpattern/content"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// TestShippedContentLoads loads the embedded knowledge base and checks what the engine's own
// checks do not: the expected inventory, and that every number can be traced to a dated source.
func TestShippedContentLoads(t *testing.T) {
	c := shipped.Catalog(t)
	wantMechanisms := []string{
		"platform_events", "change_data_capture", "outbound_messaging",
		"apex_callout", "rest_api", "bulk_api", "salesforce_connect",
	}
	if got := c.MechanismIDs(); !slices.Equal(got, wantMechanisms) {
		t.Errorf("mechanisms %v, want %v", got, wantMechanisms)
	}
	var patterns []string
	for _, p := range c.Patterns {
		patterns = append(patterns, p.ID)
		if p.Name == "" || strings.TrimSpace(p.Doc) == "" {
			t.Errorf("pattern %s needs a name and a Markdown page", p.ID)
		}
	}
	wantPatterns := []string{
		"request_reply", "fire_and_forget", "batch_data_sync", "remote_call_in",
		"ui_update", "data_virtualization",
	}
	if !slices.Equal(patterns, wantPatterns) {
		t.Errorf("patterns %v, want %v", patterns, wantPatterns)
	}
	wantEditions := []string{"developer", "professional", "enterprise", "unlimited", "performance"}
	if got := c.Editions(); !slices.Equal(got, wantEditions) {
		t.Errorf("editions %v, want %v", got, wantEditions)
	}
	if c.Knowledge.Version == "" || c.Knowledge.LimitsRelease == "" {
		t.Errorf("knowledge needs a version and a limits release: %+v", c.Knowledge)
	}
	checkMechanisms(t, c)
	checkLimits(t, c, wantEditions)
	checkCitations(t, c)
}

func checkMechanisms(t *testing.T, c *rules.Catalog) {
	implemented := map[string]bool{}
	listed := map[string]bool{}
	for _, m := range c.Mechanisms {
		if m.Name == "" || m.Summary == "" || strings.TrimSpace(m.Doc) == "" {
			t.Errorf("mechanism %s needs a name, a summary and a Markdown page", m.ID)
		}
		if len(m.FailureModes) < 3 {
			t.Errorf("mechanism %s has %d failure modes, want at least 3", m.ID, len(m.FailureModes))
		}
		for _, id := range m.FailureModes {
			if fm := c.FailureMode(id); fm == nil || fm.Detection == "" || fm.Mitigation == "" {
				t.Errorf("mechanism %s: failure mode %s is unknown or lacks detection and mitigation", m.ID, id)
			}
			listed[id] = true
		}
		for _, pc := range m.Patterns {
			if c.Pattern(pc.Pattern) == nil {
				t.Errorf("mechanism %s: unknown pattern %s", m.ID, pc.Pattern)
			}
			implemented[pc.Pattern] = true
		}
		if len(m.Capacity) == 0 {
			t.Errorf("mechanism %s has no governing limit", m.ID)
		}
		for _, cr := range m.Capacity {
			if c.Limit(cr.Limit) == nil {
				t.Errorf("mechanism %s: capacity names unknown limit %s", m.ID, cr.Limit)
			}
		}
	}
	for _, p := range c.Patterns {
		if !implemented[p.ID] {
			t.Errorf("no mechanism implements pattern %s", p.ID)
		}
	}
	for _, fm := range c.FailureModes {
		if !listed[fm.ID] {
			t.Errorf("no mechanism lists failure mode %s", fm.ID)
		}
	}
}

// checkLimits: every limit has a positive value for every edition, and sources with a release.
func checkLimits(t *testing.T, c *rules.Catalog, editions []string) {
	if len(c.Limits) == 0 {
		t.Fatal("no limits")
	}
	for _, lim := range c.Limits {
		if len(lim.Sources) == 0 {
			t.Errorf("limit %s cites no source", lim.ID)
		}
		for _, id := range lim.Sources {
			s := c.Source(id)
			if s == nil || s.Release == "" || !strings.HasPrefix(s.URL, "https://") {
				t.Errorf("limit %s: source %s is unknown or lacks an https URL and a release", lim.ID, id)
			}
		}
		for _, ed := range editions {
			v, err := c.LimitValue(lim.ID, ed, 100)
			if err != nil || v < 0 || (v == 0 && lim.Kind != rules.KindWindow) {
				t.Errorf("limit %s on %s = %v, %v; want a positive number (a window may be 0)", lim.ID, ed, v, err)
			}
		}
	}
	// Spot checks against the fact sheet, one per kind of value: a licence formula, a
	// per-edition table and a constant.
	for _, tc := range []struct {
		limit, edition string
		licenses       int
		want           float64
	}{
		{"daily_api_requests", "enterprise", 100, 200_000},
		{"daily_api_requests", "unlimited", 100, 600_000},
		{"daily_api_requests", "developer", 100, 15_000},
		{"event_delivery_per_day", "enterprise", 100, 25_000},
		{"event_delivery_per_day", "performance", 100, 50_000},
		{"concurrent_long_running_apex", "enterprise", 10_000, 50},
		{"bulk_threshold_records", "professional", 0, 2_000},
	} {
		if got, err := c.LimitValue(tc.limit, tc.edition, tc.licenses); err != nil || got != tc.want {
			t.Errorf("%s on %s with %d licences = %v, %v; want %v", tc.limit, tc.edition, tc.licenses, got, err, tc.want)
		}
	}
}

// checkCitations: rules, failure modes and mechanisms cite sources that resolve.
func checkCitations(t *testing.T, c *rules.Catalog) {
	cites := func(what, id string, sources []string) {
		if len(sources) == 0 {
			t.Errorf("%s %s cites no source", what, id)
		}
		for _, s := range sources {
			if c.Source(s) == nil {
				t.Errorf("%s %s cites unknown source %s", what, id, s)
			}
		}
	}
	if len(c.Rules) == 0 {
		t.Fatal("no rules")
	}
	for _, r := range c.Rules {
		cites("rule", r.ID, r.Sources)
		if !strings.HasPrefix(r.File, "rules/") {
			t.Errorf("rule %s: File = %q, want rules/…", r.ID, r.File)
		}
	}
	for _, fm := range c.FailureModes {
		cites("failure mode", fm.ID, fm.Sources)
	}
	for _, m := range c.Mechanisms {
		cites("mechanism", m.ID, m.Sources)
	}
}

// shippedFS copies the embedded knowledge base into a map that a test can break.
func shippedFS(tb testing.TB) fstest.MapFS { return rules.CopyContent(tb) }

// breakage changes the copied knowledge base in one way.
type breakage func(tb testing.TB, m fstest.MapFS)

// replace swaps text that must occur exactly once, so a case cannot silently stop breaking
// anything when the shipped content changes.
func replace(file, old, new string) breakage {
	return func(tb testing.TB, m fstest.MapFS) {
		tb.Helper()
		f := m[file]
		if f == nil {
			tb.Fatalf("no file %s", file)
		}
		if n := bytes.Count(f.Data, []byte(old)); n != 1 {
			tb.Fatalf("%s: %q occurs %d times, want 1", file, old, n)
		}
		m[file] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1)}
	}
}

func addFile(file, data string) breakage {
	return func(tb testing.TB, m fstest.MapFS) {
		tb.Helper()
		if m[file] != nil {
			tb.Fatalf("%s already exists", file)
		}
		m[file] = &fstest.MapFile{Data: []byte(data)}
	}
}

func overwrite(file, data string) breakage {
	return func(tb testing.TB, m fstest.MapFS) {
		tb.Helper()
		if m[file] == nil {
			tb.Fatalf("no file %s", file)
		}
		m[file] = &fstest.MapFile{Data: []byte(data)}
	}
}

func removeFile(file string) breakage {
	return func(tb testing.TB, m fstest.MapFS) {
		tb.Helper()
		if m[file] == nil {
			tb.Fatalf("no file %s", file)
		}
		delete(m, file)
	}
}

func several(bs ...breakage) breakage {
	return func(tb testing.TB, m fstest.MapFS) {
		tb.Helper()
		for _, b := range bs {
			b(tb, m)
		}
	}
}

// wantProblem is one problem Load must report.
type wantProblem struct {
	file string // exact; a trailing "/" accepts any file in that folder
	id   string // the item at fault; "" for problems with a whole file or decoding errors
	msg  string // a fragment of the message
	// at, for decoding errors, is text on the offending line: the problem must carry that line.
	at string
}

func problemAt(file, at, msg string) wantProblem { return wantProblem{file: file, at: at, msg: msg} }

// checkProblems asserts err holds exactly the wanted problems, each naming its file and item.
func checkProblems(t *testing.T, err error, files map[string][]byte, want []wantProblem) {
	t.Helper()
	if err == nil {
		t.Fatal("Load succeeded, want an error")
	}
	ps := rules.AsProblems(err)
	if len(ps) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(ps), len(want), err)
	}
	for _, w := range want {
		if !slices.ContainsFunc(ps, func(p rules.Problem) bool { return w.matches(p, files) }) {
			t.Errorf("missing problem %+v in:\n%v", w, err)
		}
	}
}

func (w wantProblem) matches(p rules.Problem, files map[string][]byte) bool {
	fileOK := p.File == w.file || strings.HasSuffix(w.file, "/") && strings.HasPrefix(p.File, w.file)
	if !fileOK || p.Field != w.id || !strings.Contains(p.Msg, w.msg) {
		return false
	}
	if w.at != "" && p.Line != lineOf(files[w.file], w.at) {
		return false
	}
	// The message a user reads names the file and the item.
	return strings.Contains(p.Error(), p.File) && strings.Contains(p.Error(), w.id)
}

// lineOf is the 1-based line of the first occurrence of text, or -1.
func lineOf(data []byte, text string) int {
	i := bytes.Index(data, []byte(text))
	if i < 0 {
		return -1
	}
	return 1 + bytes.Count(data[:i], []byte("\n"))
}

func dataOf(m fstest.MapFS) map[string][]byte {
	out := make(map[string][]byte, len(m))
	for name, f := range m {
		out[name] = f.Data
	}
	return out
}

type brokenCase struct {
	name  string
	brk   breakage
	wants []wantProblem
}

func want(file, id, msg string) []wantProblem { return []wantProblem{{file: file, id: id, msg: msg}} }

// brokenContent breaks the shipped knowledge base one way per case. Problems found while
// compiling name the item; decoding errors (unknown keys, malformed values) carry the line.
var brokenContent = []brokenCase{
	// Rules.
	{
		"rule unknown key", replace("rules/timing.yaml", "  - id: fire-and-forget\n", "  - id: fire-and-forget\n    becuase: typo\n"),
		[]wantProblem{problemAt("rules/timing.yaml", "becuase: typo", "field becuase not found")},
	},
	{
		"rule when does not parse", replace("rules/timing.yaml", "    when: ack == \"none\"\n", "    when: ack === \"none\"\n"),
		want("rules/timing.yaml", "fire-and-forget", `when: expression "ack === \"none\""`),
	},
	{
		"rule when compares mismatched types", replace("rules/timing.yaml", "    when: ack == \"none\"\n", "    when: records_per_day == \"many\"\n"),
		want("rules/timing.yaml", "fire-and-forget", "mismatched types"),
	},
	{
		"rule when is not boolean", replace("rules/timing.yaml", "    when: ack == \"none\"\n", "    when: records_per_day\n"),
		want("rules/timing.yaml", "fire-and-forget", "expected bool"),
	},
	{
		"rule when names an unknown answer", replace("rules/timing.yaml", "    when: ack == \"none\"\n", "    when: acknowledgement == \"none\"\n"),
		want("rules/timing.yaml", "fire-and-forget", "unknown name acknowledgement"),
	},
	{
		"plain rule uses an each_mechanism variable", replace("rules/timing.yaml", "    when: ack == \"none\"\n", "    when: verdict_1x == \"exceeds\"\n"),
		want("rules/timing.yaml", "fire-and-forget", "unknown name verdict_1x"),
	},
	{
		"rule when names an unknown limit", replace("rules/volume.yaml", "when: records_per_run > limit.bulk_threshold_records", "when: records_per_run > limit.no_such_limit"),
		want("rules/volume.yaml", "bulk-above-threshold", "unknown limit.no_such_limit"),
	},
	{
		"rule when names an unknown model figure", replace("rules/volume.yaml", "when: records_per_run > limit.bulk_threshold_records", "when: records_per_run > model.bulk_requests_per_run"),
		want("rules/volume.yaml", "bulk-above-threshold", "unknown model.bulk_requests_per_run"),
	},
	{
		"because names an unknown variable", replace("rules/receiver.yaml", "{subscribers}: publish-subscribe", "{consumers}: publish-subscribe"),
		want("rules/receiver.yaml", "several-consumers", `placeholder {consumers}: unknown variable "consumers"`),
	},
	{
		"because names an unknown limit", replace("rules/warnings.yaml", "{limit.callout_max_timeout_seconds} seconds, so nobody", "{limit.callout_max_timeout} seconds, so nobody"),
		want("rules/warnings.yaml", "reply-beyond-callout-limit", `unknown limit "callout_max_timeout"`),
	},
	{
		"because asks for the label of a number", replace("rules/receiver.yaml", "{subscribers}: publish-subscribe", "{subscribers:label}: publish-subscribe"),
		want("rules/receiver.yaml", "several-consumers", "only select answers have labels"),
	},
	{
		"because asks for the hours of a select answer", replace("rules/data.yaml", "{trigger}: an outbound", "{trigger:hours}: an outbound"),
		want("rules/data.yaml", "om-fires-on-record-change", "only numbers are hours"),
	},
	{
		"because has an unclosed placeholder", replace("rules/data.yaml", "{trigger}: an outbound", "{trigger: an outbound"),
		want("rules/data.yaml", "om-fires-on-record-change", "unclosed {"),
	},
	{
		"effect names an unknown mechanism", replace("rules/receiver.yaml", "      outbound_messaging: +35", "      outbound_message: +35"),
		want("rules/receiver.yaml", "soap-listener", `effects: unknown mechanism "outbound_message"`),
	},
	{
		"effect is neither points nor exclude", replace("rules/receiver.yaml", "      outbound_messaging: +35", "      outbound_messaging: lots"),
		[]wantProblem{problemAt("rules/receiver.yaml", "outbound_messaging: lots", `effect "lots" is neither a non-zero number of points nor exclude`)},
	},
	{
		"effect of zero points", replace("rules/receiver.yaml", "      outbound_messaging: +35", "      outbound_messaging: 0"),
		[]wantProblem{problemAt("rules/receiver.yaml", "outbound_messaging: 0", `effect "0" is neither`)},
	},
	{
		"warning rule with effects", replace("rules/receiver.yaml", "  - id: soap-listener\n", "  - id: soap-listener\n    warning: true\n"),
		want("rules/receiver.yaml", "soap-listener", "a warning rule has no effects"),
	},
	{
		"each_mechanism rule with an effects map", replace("rules/capacity.yaml", "    effect: -15\n", "    effects: {rest_api: -15}\n"),
		want("rules/capacity.yaml", "window-exceeded", "an each_mechanism rule has one effect and no effects map"),
	},
	{
		"budget effect outside a per-mechanism rule", replace("rules/receiver.yaml", "      outbound_messaging: +35", "      outbound_messaging: budget"),
		want("rules/receiver.yaml", "soap-listener", "budget and budget_stress are for each_mechanism rules"),
	},
	{
		"per-mechanism rule tests a budget figure that does not exist", replace("rules/capacity.yaml", "when: budget_verdict_1x == \"warn\"", "when: budget_verdict_1x == \"warn\" && budget_points > 2"),
		want("rules/capacity.yaml", "budget-tight", "unknown name budget_points"),
	},
	{
		"confidence cap on a rule that is not a warning", replace("rules/receiver.yaml", "  - id: soap-listener\n", "  - id: soap-listener\n    caps_confidence: true\n"),
		want("rules/receiver.yaml", "soap-listener", "caps_confidence is for warning rules"),
	},
	{
		"rule cites an unknown source", replace("rules/platform.yaml", "sources: [S-41, S-42]", "sources: [S-41, S-404]"),
		want("rules/platform.yaml", "om-no-further-investment", `unknown source "S-404"`),
	},
	{
		"duplicate rule id across files", replace("rules/warnings.yaml", "- id: no-volume\n", "- id: fire-and-forget\n"),
		want("rules/warnings.yaml", "fire-and-forget", "duplicate rule id (also defined in rules/timing.yaml)"),
	},
	{"empty rules file", addFile("rules/empty.yaml", ""), want("rules/empty.yaml", "", "file is empty")},
	{"rules file with only comments", addFile("rules/empty.yaml", "# to do\n"), want("rules/empty.yaml", "", "file is empty")},
	{"rules file with no rules", addFile("rules/none.yaml", "rules: []\n"), want("rules/none.yaml", "", "defines no rules")},

	// Mechanisms and patterns.
	{
		"mechanism lists an unknown failure mode", replace("mechanisms/rest_api.yaml", "  - rest_query_cursor_eviction\n", "  - rest_query_cursor_eviction\n  - rest_cursor_lost\n"),
		want("mechanisms/rest_api.yaml", "rest_api", `unknown failure mode "rest_cursor_lost"`),
	},
	{
		"mechanism names an unknown pattern", replace("mechanisms/bulk_api.yaml", "  - pattern: batch_data_sync", "  - pattern: batch_sync"),
		want("mechanisms/bulk_api.yaml", "bulk_api", `unknown pattern "batch_sync"`),
	},
	{
		"capacity names an unknown limit", replace("mechanisms/rest_api.yaml", "  - limit: daily_api_requests", "  - limit: daily_api_calls"),
		want("mechanisms/rest_api.yaml", "rest_api", `capacity: unknown limit "daily_api_calls"`),
	},
	{
		"capacity usage names an unknown fact", replace("mechanisms/rest_api.yaml", "usage: rest_calls_per_day", "usage: rest_requests_per_day"),
		want("mechanisms/rest_api.yaml", "rest_api", "unknown name rest_requests_per_day"),
	},
	{
		"variants do not end unconditionally", replace("mechanisms/rest_api.yaml", "  - name: sObject Collections upsert on an External ID, up to 200 records per call\n",
			"  - name: sObject Collections upsert on an External ID, up to 200 records per call\n    when: middleware\n"),
		want("mechanisms/rest_api.yaml", "rest_api", "variants must end with an unconditional choice"),
	},
	{
		"mechanism unknown key", replace("mechanisms/rest_api.yaml", "failure_modes:", "failure_mode:"),
		[]wantProblem{
			problemAt("mechanisms/rest_api.yaml", "failure_mode:", "field failure_mode not found"),
			// The mechanism is dropped, so the display order no longer matches.
			{file: "knowledge.yaml", id: "mechanisms", msg: "lists 7, but 6 are defined"},
		},
	},
	{
		"missing mechanism page", removeFile("mechanisms/outbound_messaging.md"),
		want("mechanisms/outbound_messaging.md", "outbound_messaging", "missing or empty Markdown page"),
	},
	{
		"blank pattern page", overwrite("patterns/ui_update.md", " \n\n"),
		want("patterns/ui_update.md", "ui_update", "missing or empty Markdown page"),
	},
	{
		"pattern nobody implements", several(
			replace("mechanisms/platform_events.yaml", "  - pattern: ui_update\n", "  - pattern: remote_call_in\n"),
			replace("mechanisms/change_data_capture.yaml", "  - pattern: ui_update\n", "  - pattern: fire_and_forget\n")),
		want("patterns/ui_update.yaml", "ui_update", "no mechanism implements this pattern"),
	},

	// Failure modes.
	{
		"failure mode nobody lists", replace("mechanisms/rest_api.yaml", "  - rest_query_cursor_eviction\n", ""),
		want("failure-modes/rest_api.yaml", "rest_query_cursor_eviction", "no mechanism lists this failure mode"),
	},
	{
		"failure mode text names an unknown limit", replace("failure-modes/rest_api.yaml", "{limit.composite_max_subrequests}", "{limit.composite_subrequests}"),
		want("failure-modes/rest_api.yaml", "rest_daily_allocation_exhausted", `unknown limit "composite_subrequests"`),
	},
	{
		"duplicate failure mode id", addFile("failure-modes/extra.yaml", "- id: rest_partial_success\n  title: t\n  how_it_happens: h\n  detection: d\n  mitigation: m\n  sources: [S-47]\n"),
		want("failure-modes/", "rest_partial_success", "duplicate failure mode id"),
	},

	// Limits and sources.
	{
		"limit lacks a value for one edition", replace("limits.yaml", "      unlimited: \"50000\"\n", ""),
		want("limits.yaml", "event_delivery_per_day", `no value for edition "unlimited"`),
	},
	{
		"limit names an unknown edition", replace("limits.yaml", "      performance: \"50000\"\n", "      performace: \"50000\"\n"),
		[]wantProblem{
			{file: "limits.yaml", id: "event_delivery_per_day", msg: `no value for edition "performance"`},
			{file: "limits.yaml", id: "event_delivery_per_day", msg: `unknown edition "performace"`},
		},
	},
	{
		"limit formula names an unknown variable", replace("limits.yaml", "enterprise: 100000 + licenses * 1000", "enterprise: 100000 + users * 1000"),
		want("limits.yaml", "daily_api_requests", "unknown name users"),
	},
	{
		"limit cites an unknown source", replace("limits.yaml", "sources: [S-48a]", "sources: [S-99]"),
		want("limits.yaml", "composite_max_subrequests", `unknown source "S-99"`),
	},
	{
		"limit of an unknown kind", replace("limits.yaml", "    kind: wall\n    value: \"1024\"", "    kind: allocation\n    value: \"1024\""),
		want("limits.yaml", "event_message_size_kb", `kind must be budget, wall, window or constant, not "allocation"`),
	},
	{
		"org limit name on a wall", replace("limits.yaml", "    kind: wall\n    value: \"1024\"", "    kind: wall\n    org_limit: MaxEventSize\n    value: \"1024\""),
		want("limits.yaml", "event_message_size_kb", "only a budget has an org_limit"),
	},
	{
		"remedy of an unknown kind", replace("limits.yaml", "        title: one platform event add-on licence\n        kind: purchase\n        adds: \"100000\"", "        title: one platform event add-on licence\n        kind: bargain\n        adds: \"100000\""),
		want("limits.yaml", "event_delivery_per_day remedy event_addon", `kind must be purchase, design, edition, phase or recovery, not "bargain"`),
	},
	{
		"purchase remedy that changes nothing", replace("limits.yaml", "        kind: purchase\n        adds: \"100000\"\n", "        kind: purchase\n"),
		want("limits.yaml", "event_delivery_per_day remedy event_addon", "at most one of adds, usage, edition, phase or gap"),
	},
	{
		"remedy that changes two figures", replace("limits.yaml", "        kind: purchase\n        adds: \"100000\"\n", "        kind: purchase\n        adds: \"100000\"\n        gap: 10000\n"),
		want("limits.yaml", "event_delivery_per_day remedy event_addon", "at most one of adds, usage, edition, phase or gap"),
	},
	{
		"gap remedy rounding to a negative amount", replace("limits.yaml", "        gap: 10000\n", "        gap: -5\n"),
		want("limits.yaml", "daily_api_requests remedy api_call_addon", "gap is the amount a purchase is rounded up to: a positive number, not -5"),
	},
	{
		"remedy names an unknown edition", replace("limits.yaml", "        edition: unlimited\n        when: edition in [\"enterprise\"]", "        edition: unlimted\n        when: edition in [\"enterprise\"]"),
		want("limits.yaml", "event_delivery_per_day remedy unlimited_edition", `unknown edition "unlimted"`),
	},
	{
		"remedy usage names an unknown fact", replace("limits.yaml", "usage: day_records * (1 + screen_users)", "usage: day_records * (1 + screens)"),
		want("limits.yaml", "event_delivery_per_day remedy middleware_fan_out", "unknown name screens"),
	},
	{
		"window not in hours", replace("limits.yaml", "    title: Outbound Messaging retry window\n    unit: hours\n", "    title: Outbound Messaging retry window\n    unit: days\n"),
		want("limits.yaml", "retry_window_hours", `its unit must be hours, not "days"`),
	},
	{
		"remedy on a constant", replace("limits.yaml", "    kind: window\n    value: \"24\"", "    kind: constant\n    value: \"24\""),
		want("limits.yaml", "retry_window_hours", "only budgets and windows have remedies"),
	},
	{
		"source without a release", replace("sources.yaml", "  release: Summer '26 (API 67.0)\n- id: S-03\n", "- id: S-03\n"),
		want("sources.yaml", "S-02", "needs a title, a url and the release"),
	},

	// Questions, facts and settings.
	{
		"question when refers to a later question", replace("questions.yaml", "    default: subscriber\n    when: direction != \"inbound\"\n", "    default: subscriber\n    when: direction != \"inbound\" && !middleware\n"),
		want("questions.yaml", "receiver", "when refers to middleware, which is not asked before this question"),
	},
	{
		"question when refers to itself", replace("questions.yaml", "    default: subscriber\n    when: direction != \"inbound\"\n", "    default: subscriber\n    when: receiver != \"soap_endpoint\"\n"),
		want("questions.yaml", "receiver", "when refers to receiver"),
	},
	{
		"computed default refers to a later question", replace("questions.yaml", "default_expr: 'direction == \"inbound\" ? 0 : subscribers'", "default_expr: 'direction == \"inbound\" ? 0 : licenses'"),
		want("questions.yaml", "external_clients", "default_expr refers to licenses, which is not asked before this question"),
	},
	{
		"computed default without words for it", replace("questions.yaml", "    default_text: 0 for inbound, otherwise subscribers\n", ""),
		want("questions.yaml", "external_clients", "default_expr is for number questions and needs a default_text"),
	},
	{
		"question with both defaults", replace("questions.yaml", "    default_text: 0 for inbound, otherwise subscribers\n", "    default_text: 0 for inbound, otherwise subscribers\n    default: 1\n"),
		want("questions.yaml", "external_clients", "either required or has one default"),
	},
	{
		"check message names an unknown variable", replace("questions.yaml", "({records_per_day})", "({records_per_days})"),
		want("questions.yaml", "records_per_run", `check message: placeholder {records_per_days}: unknown variable`),
	},
	{
		"number question without a unit", replace("questions.yaml", "    unit: licences\n    unit_one: licence\n", ""),
		want("questions.yaml", "licenses", "a number question needs a unit and a unit_one"),
	},
	{
		"question of an unknown role", replace("questions.yaml", "    role: payload\n", "    role: payload_size\n"),
		[]wantProblem{
			{file: "questions.yaml", id: "payload_kb", msg: `unknown role "payload_size"`},
			{file: "questions.yaml", id: "payload", msg: "no question plays this role"},
		},
	},
	{
		"role played twice", replace("questions.yaml", "    role: live_viewers\n", "    role: consumers\n"),
		[]wantProblem{
			{file: "questions.yaml", id: "screen_users", msg: "role consumers is already played by subscribers"},
			{file: "questions.yaml", id: "live_viewers", msg: "no question plays this role"},
		},
	},
	{
		"role played by a question of the wrong kind", replace("questions.yaml", "    role: title\n", "    role: run_volume\n"),
		[]wantProblem{
			{file: "questions.yaml", id: "name", msg: "role run_volume needs a number question, not text"},
			{file: "questions.yaml", id: "title", msg: "no question plays this role"},
		},
	},
	{
		"contract path of the wrong form", replace("questions.yaml", "    contract: volume.per_day\n", "    contract: volume/per_day\n"),
		want("questions.yaml", "records_per_day", `contract "volume/per_day" is not a contract path`),
	},
	{
		"two answers at one contract path", replace("questions.yaml", "    contract: volume.per_run\n", "    contract: volume.per_day\n"),
		want("questions.yaml", "records_per_run", "contract volume.per_day is already where records_per_day stands"),
	},
	{
		"fact named like an answer", replace("facts.yaml", "facts:\n", "facts:\n  - id: ack\n    help: Shadows an answer.\n    expr: \"1\"\n"),
		want("facts.yaml", "ack", "name is already taken"),
	},
	{
		"display order misses a mechanism", replace("knowledge.yaml", ", salesforce_connect]", "]"),
		[]wantProblem{
			{file: "knowledge.yaml", id: "mechanisms", msg: `"salesforce_connect" is not listed`},
			{file: "knowledge.yaml", id: "mechanisms", msg: "lists 6, but 7 are defined"},
		},
	},
	{
		"warn share out of range", replace("knowledge.yaml", "warn_share: 0.8", "warn_share: 80"),
		want("knowledge.yaml", "capacity", "needs warn_share between 0 and 1"),
	},
	{
		"budget scoring without over points", replace("knowledge.yaml", "  over_points: 20\n", ""),
		want("knowledge.yaml", "budgets", "needs positive warn_points and over_points"),
	},
	{
		"remedy order misses a kind", replace("knowledge.yaml", "remedy_order: [design, purchase, phase, edition, recovery]", "remedy_order: [design, purchase, phase, edition]"),
		want("knowledge.yaml", "budgets", "recovery is missing"),
	},
}

// TestBrokenContent breaks the knowledge base one way per case and checks that Load refuses it
// with exactly that problem, naming the file and the item.
func TestBrokenContent(t *testing.T) {
	for _, tc := range brokenContent {
		t.Run(tc.name, func(t *testing.T) {
			m := shippedFS(t)
			tc.brk(t, m)
			_, err := rules.Load(m)
			checkProblems(t, err, dataOf(m), tc.wants)
		})
	}
}

// TestBrokenContentReportsEverything breaks several things at once: every problem comes back in
// one error, so an author fixes them in one pass.
func TestBrokenContentReportsEverything(t *testing.T) {
	t.Run("while compiling", func(t *testing.T) {
		m := shippedFS(t)
		several(
			replace("rules/timing.yaml", "    when: ack == \"none\"\n", "    when: ack === \"none\"\n"),
			replace("rules/receiver.yaml", "{subscribers}: publish-subscribe", "{consumers}: publish-subscribe"),
			replace("rules/receiver.yaml", "      outbound_messaging: +35", "      outbound_message: +35"),
			replace("mechanisms/rest_api.yaml", "  - limit: daily_api_requests", "  - limit: daily_api_calls"),
			replace("mechanisms/rest_api.yaml", "  - rest_query_cursor_eviction\n", ""),
			replace("limits.yaml", "      unlimited: \"50000\"\n", ""),
			replace("questions.yaml", "    default: subscriber\n    when: direction != \"inbound\"\n", "    default: subscriber\n    when: direction != \"inbound\" && !middleware\n"),
		)(t, m)
		_, err := rules.Load(m)
		checkProblems(t, err, dataOf(m), []wantProblem{
			{file: "rules/timing.yaml", id: "fire-and-forget", msg: "when: expression"},
			{file: "rules/receiver.yaml", id: "several-consumers", msg: "placeholder {consumers}"},
			{file: "rules/receiver.yaml", id: "soap-listener", msg: `unknown mechanism "outbound_message"`},
			{file: "mechanisms/rest_api.yaml", id: "rest_api", msg: `unknown limit "daily_api_calls"`},
			{file: "failure-modes/rest_api.yaml", id: "rest_query_cursor_eviction", msg: "no mechanism lists"},
			{file: "limits.yaml", id: "event_delivery_per_day", msg: `no value for edition "unlimited"`},
			{file: "questions.yaml", id: "receiver", msg: "when refers to middleware"},
		})
	})
	t.Run("while reading", func(t *testing.T) {
		m := shippedFS(t)
		several(
			replace("rules/timing.yaml", "  - id: fire-and-forget\n", "  - id: fire-and-forget\n    becuase: typo\n"),
			replace("rules/receiver.yaml", "      outbound_messaging: +35", "      outbound_messaging: lots"),
			addFile("rules/empty.yaml", ""),
			removeFile("mechanisms/outbound_messaging.md"),
		)(t, m)
		_, err := rules.Load(m)
		checkProblems(t, err, dataOf(m), []wantProblem{
			problemAt("rules/timing.yaml", "becuase: typo", "field becuase not found"),
			problemAt("rules/receiver.yaml", "outbound_messaging: lots", `effect "lots"`),
			{file: "rules/empty.yaml", msg: "file is empty"},
			{file: "mechanisms/outbound_messaging.md", id: "outbound_messaging", msg: "missing or empty Markdown page"},
		})
	})
}

// TestDraftRuleFilesAreSkipped: files starting with "_" are drafts and are not loaded.
func TestDraftRuleFilesAreSkipped(t *testing.T) {
	m := shippedFS(t)
	addFile("rules/_draft.yaml", "rules: [this is not finished")(t, m)
	if _, err := rules.Load(m); err != nil {
		t.Fatalf("a draft file broke the load:\n%v", err)
	}
}

// policyRule is an organisation's own rule, as `--rules policy.yaml` would supply it.
const policyRule = `rules:
  - id: no-new-outbound-messaging
    when: direction != "inbound"
    because: >-
      Architecture policy: no new Outbound Messaging integrations (direction = {direction}).
    sources: [S-41]
    effects:
      outbound_messaging: exclude
`

// soapListener are answers for which the built-in rules recommend Outbound Messaging: a SOAP-only
// listener that must be told reliably, down for at most 8 hours.
var soapListener = []string{
	"interaction=process", "latency=minutes", "ack=delivery", "records_per_day=900",
	"receiver=soap_endpoint", "receiver_downtime_hours=8",
}

func TestPolicyRules(t *testing.T) {
	builtIn := shipped.Catalog(t)
	if rec := decideWith(t, builtIn, soapListener).Recommendation; rec.Mechanism != "outbound_messaging" {
		t.Fatalf("without the policy the SOAP listener gets %s, want outbound_messaging", rec.Mechanism)
	}
	c, err := rules.Load(content.FS, rules.RuleFile{Name: "policy.yaml", Data: []byte(policyRule)})
	if err != nil {
		t.Fatalf("policy does not load:\n%v", err)
	}
	if len(c.Rules) != len(builtIn.Rules)+1 {
		t.Fatalf("%d rules, want the %d built-in ones and the policy", len(c.Rules), len(builtIn.Rules))
	}
	if last := c.Rules[len(c.Rules)-1]; last.ID != "no-new-outbound-messaging" || last.File != "policy.yaml" {
		t.Errorf("last rule is %s from %s, want the policy rule from policy.yaml", last.ID, last.File)
	}

	d := decideWith(t, c, soapListener)
	step := traceStep(t, d, "no-new-outbound-messaging", "")
	if !step.Matched || step.File != "policy.yaml" || !slices.Equal(step.Effects, []string{"outbound_messaging exclude"}) {
		t.Errorf("policy step = %+v, want matched, from policy.yaml, excluding outbound_messaging", step)
	}
	if !strings.Contains(step.Because, "(direction = outbound)") {
		t.Errorf("policy because does not quote the answer: %q", step.Because)
	}
	if r := ranked(d, "outbound_messaging"); r == nil || r.Viable {
		t.Errorf("outbound_messaging is still viable under the policy")
	}
	if d.Recommendation.Mechanism == "outbound_messaging" {
		t.Errorf("the policy did not change the recommendation")
	}

	inbound := traceStep(t, decideWith(t, c, []string{"direction=inbound"}), "no-new-outbound-messaging", "")
	if inbound.Matched || inbound.File != "policy.yaml" {
		t.Errorf("inbound policy step = %+v, want unmatched, from policy.yaml", inbound)
	}
}

// TestPolicyRulesBroken: a broken policy file is refused with its own name, never a built-in one.
func TestPolicyRulesBroken(t *testing.T) {
	const id = "no-new-outbound-messaging"
	for _, tc := range []struct {
		name, data string
		wants      []wantProblem
		knownBug   string
	}{
		{
			"unknown key", strings.Replace(policyRule, "    because:", "    becuase: typo\n    because:", 1),
			[]wantProblem{problemAt("policy.yaml", "becuase: typo", "field becuase not found")},
			"",
		},
		{
			"bad expression", strings.Replace(policyRule, `direction != "inbound"`, `direction =! "inbound"`, 1),
			want("policy.yaml", id, "when: expression"), "",
		},
		{
			"unknown answer", strings.Replace(policyRule, `direction != "inbound"`, `flow != "inbound"`, 1),
			want("policy.yaml", id, "unknown name flow"), "",
		},
		{
			"unknown mechanism", strings.Replace(policyRule, "outbound_messaging: exclude", "outbound_message: exclude", 1),
			want("policy.yaml", id, `unknown mechanism "outbound_message"`), "",
		},
		{
			"id clashes with a built-in rule", strings.Replace(policyRule, id, "om-no-further-investment", 1),
			want("policy.yaml", "om-no-further-investment", "duplicate rule id (also defined in rules/platform.yaml)"), "",
		},
		{"not YAML", "rules: [\n  - id: x\n", []wantProblem{{file: "policy.yaml", msg: "did not find expected node content"}}, ""},
		{"not JSON", `{"rules": [}`, []wantProblem{{file: "policy.yaml", msg: "not valid JSON"}}, ""},
		{"empty", "", want("policy.yaml", "", "file is empty"), ""},
		{"blank", "\n  \n", want("policy.yaml", "", "file is empty"), ""},
		{"list at the top level", "- id: x\n  when: \"true\"\n", want("policy.yaml", "", "cannot unmarshal !!seq"), ""},
		{"scalar at the top level", "exclude outbound messaging\n", want("policy.yaml", "", "cannot unmarshal !!str"), ""},
		{"mapping without rules", "policy: strict\n", want("policy.yaml", "", "field policy not found"), ""},
		{"empty rule list", "rules: []\n", want("policy.yaml", "", "defines no rules"), ""},
		{"null rule entry", "rules:\n  -\n", want("policy.yaml", "", "rule entry 1 is empty"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.knownBug != "" {
				t.Skip(tc.knownBug)
			}
			data := []byte(tc.data)
			_, err := rules.Load(content.FS, rules.RuleFile{Name: "policy.yaml", Data: data})
			checkProblems(t, err, map[string][]byte{"policy.yaml": data}, tc.wants)
		})
	}
}

// TestPolicyRulesClashWithEachOther: two policy files defining one id are refused, naming the second.
func TestPolicyRulesClashWithEachOther(t *testing.T) {
	team := rules.RuleFile{Name: "team.yaml", Data: []byte(policyRule)}
	_, err := rules.Load(content.FS, rules.RuleFile{Name: "policy.yaml", Data: []byte(policyRule)}, team)
	checkProblems(t, err, nil, want("team.yaml", "no-new-outbound-messaging", "duplicate rule id (also defined in policy.yaml)"))
}

// TestPolicyCitesItsOwnSource: an organisation's file may declare its policy documents as sources
// and cite them; the reason then carries that source.
func TestPolicyCitesItsOwnSource(t *testing.T) {
	policy := []byte(`sources:
  - id: ACME-ARCH-7
    title: ACME integration standard, section 7
    url: https://intranet.example/arch/7
    release: 2026 edition
rules:
  - id: acme-no-outbound-messaging
    when: direction != "inbound"
    because: ACME standard 7 retires Outbound Messaging.
    sources: [ACME-ARCH-7]
    effects:
      outbound_messaging: exclude
`)
	c, err := rules.Load(content.FS, rules.RuleFile{Name: "acme.yaml", Data: policy})
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := c.ReadAnswers("", nil, []string{
		"name=x", "direction=outbound", "source_of_truth=salesforce",
		"interaction=process", "latency=minutes", "ack=delivery", "records_per_day=100", "receiver=soap_endpoint",
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Evaluate(a)
	if err != nil {
		t.Fatal(err)
	}
	om := ranked(d, "outbound_messaging")
	found := false
	for _, r := range om.Reasons {
		if r.Rule == "acme-no-outbound-messaging" {
			found = r.Source == "https://intranet.example/arch/7" && len(r.SourceIDs) == 1 && r.SourceIDs[0] == "ACME-ARCH-7" &&
				slices.ContainsFunc(d.Sources, func(s rules.Source) bool { return s.ID == "ACME-ARCH-7" && s.Title != "" })
		}
	}
	if !found || om.Viable {
		t.Errorf("policy reason with its own source missing: %+v", om.Reasons)
	}
	clash := []byte("sources:\n  - {id: S-10, title: Mine}\nrules:\n  - {id: x, when: 'true', because: b, sources: [S-10], warning: true}\n")
	_, err = rules.Load(content.FS, rules.RuleFile{Name: "clash.yaml", Data: clash})
	if err == nil || !strings.Contains(err.Error(), "source id already defined") {
		t.Errorf("a policy source reusing a built-in id must be refused, got %v", err)
	}
}
