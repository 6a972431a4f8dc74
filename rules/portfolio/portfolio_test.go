package portfolio_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/casefiles"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/portfolio"
)

const samplePortfolio = "../../testdata/portfolio/acme-enterprise.yaml"

func readPortfolio(tb testing.TB, file string) *portfolio.Result {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	res, err := portfolio.Read(shipped.Catalog(tb), filepath.Base(file), data)
	if err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	return res
}

// expectedAllocation is one shared allocation as an architect works it out with limits.yaml and
// facts.yaml on paper.
type expectedAllocation struct {
	limit               string
	allocation          float64
	usage1x, usage10x   float64
	verdict1x, verdictX string
	top                 []string // largest consumers at 1×, largest first
}

// TestPortfolioSample checks the sample org against figures computed by hand.
//
// The org: Enterprise Edition, 300 licences, 50,000 purchased API calls. From limits.yaml:
//
//	daily_api_requests            100,000 + 300 × 1,000 = 400,000, + add-on 50,000 = 450,000
//	event_publish_per_hour        250,000
//	event_delivery_per_day        25,000
//	async_apex_executions_per_day max(250,000, 200 × 300 = 60,000) = 250,000
//	concurrent_long_running_apex  min(50, max(10, 300 / 100 = 3)) = 10
//	concurrent_long_running_requests 25
//	bulk_batches_per_day 15,000 · bulk_records_per_day 150,000,000 · bulk_query_jobs_per_day 10,000
//	odata_new_ids_per_hour        100,000
//
// The mechanism of each entry is the one the matching hand-written scenario in
// testdata/scenarios expects (same answers, other edition or licences where that changes no rule).
// Usage from facts.yaml (records_per_run defaults to 1, subscribers to 1; at 10× a one-record run
// stays one record, so runs_per_day grows tenfold):
//
//	 1 Order status (PE, 2,000/day, 3 subscribers)
//	     publish  = peak_hour_records = ceil(2,000 / 24) = 84          10×: ceil(20,000 / 24) = 834
//	     delivery = 2,000 × 3 clients = 6,000                          10×: 60,000
//	 2 Order shipped (PE, 1,500/day, 3 subscribers)
//	     publish  = ceil(1,500 / 24) = 63                               10×: ceil(15,000 / 24) = 625
//	     delivery = 1,500 × 3 = 4,500                                   10×: 45,000
//	 3 Customer master (CDC, 1,200/day, middleware: clients = min(1, 1) = 1)   delivery 1,200 · 12,000
//	 4 Product changes (CDC, 500/day, 1 subscriber)                             delivery   500 ·  5,000
//	 5 Opportunity replica (CDC, 8,000/day, middleware)                         delivery 8,000 · 80,000
//	 6 IoT alerts (PE inbound, 400,000/day; subscribers 1 - Salesforce itself = 0 clients)
//	     publish  = ceil(400,000 / 24) = 16,667                         10×: ceil(4,000,000 / 24) = 166,667
//	 7 Technician arrival (PE inbound, 12,000/day, 0 clients)
//	     publish  = 12,000 / 24 = 500                                   10×: 5,000
//	 8 Web shop (REST, 3,000 one-record calls)       rest_calls = 3,000 × ceil(1 / 200) = 3,000 · 30,000
//	 9 Support cases (REST, 20,000/day)                                 20,000 · 200,000
//	10 Field inspection (REST, 800/day)                                    800 ·   8,000
//	11 Contact sync (REST, 30,000/day in runs of 1,250)
//	     runs = 30,000 / 1,250 = 24; calls = 24 × ceil(1,250 / 200 = 6.25) = 24 × 7 = 168
//	     10×: run = min(12,500, 300,000) = 12,500; runs = 24; calls = 24 × ceil(62.5) = 24 × 63 = 1,512
//	12 ERP invoices (Bulk, one run of 400,000)
//	     batches = 1 × ceil(400,000 / 10,000) = 40; records 400,000; API = 1 job × 5 = 5
//	     10×: one run of 4,000,000: batches 400; records 4,000,000; API 5
//	13 Workday (Bulk, one run of 60,000)   batches 6, records 60,000, API 5 · 10×: 60, 600,000, 5
//	14 Card payment (Apex callout, interactive): the async Apex row applies only when not interactive
//	15 SOAP billing (Apex callout, hours, 700/day)   async Apex = runs = 700 · 7,000
//	16 Policy issuance (Outbound Messaging): no org-wide allocation
//	17 ERP order history (Salesforce Connect, 120,000/day in pages of 25)
//	     odata = peak_hour_records = max(ceil(120,000 / 24), 25) = 5,000
//	     10×: run = 250; max(ceil(1,200,000 / 24), 250) = 50,000
//
// Sums and shares (warn from 80 %, exceeds above 100 %):
//
//	daily_api_requests  3,000 + 20,000 + 800 + 168 + 5 + 5 = 23,978 (5.3 %)
//	                    10×: 30,000 + 200,000 + 8,000 + 1,512 + 5 + 5 = 239,522 (53 %)
//	event_publish       84 + 63 + 16,667 + 500 = 17,314 (6.9 %) · 10×: 834 + 625 + 166,667 + 5,000 = 173,126 (69 %)
//	event_delivery      6,000 + 4,500 + 1,200 + 500 + 8,000 = 20,200 (80.8 %: warn)
//	                    10×: 202,000 (808 %: exceeds)
//	async Apex 700 · 7,000; Bulk batches 46 · 460; Bulk records 460,000 · 4,600,000; OData 5,000 · 50,000 (50 %)
//
// So nothing breaks at 1× (event delivery only warns), and at 10× event delivery breaks first:
// the five integrations that use it would need 808 % of it.
func TestPortfolioSample(t *testing.T) {
	res := readPortfolio(t, samplePortfolio)
	if len(res.Problems) != 0 {
		t.Fatalf("problems in the sample: %+v", res.Problems)
	}
	wantMechanisms := []string{
		"platform_events", "platform_events", // order-fulfilment-command, order-shipped-notifications
		"change_data_capture", "change_data_capture", "change_data_capture", // customer-master, product-changes, opportunity-replica
		"platform_events", "platform_events", // iot-equipment-alerts, technician-arrival
		"rest_api", "rest_api", "rest_api", "rest_api", // webshop, support-site, field-inspection, marketing-contact-sync
		"bulk_api", "bulk_api", // nightly-erp-invoice-load, workday
		"apex_callout", "apex_callout", // payment-gateway, soap-billing-weekend-outage
		"outbound_messaging", // insurance-policy-admin-soap-listener
		"salesforce_connect", // erp-order-history-on-account
	}
	if len(res.Integrations) != len(wantMechanisms) {
		t.Fatalf("%d integrations evaluated, want %d", len(res.Integrations), len(wantMechanisms))
	}
	for i, in := range res.Integrations {
		if in.Index != i+1 || in.Mechanism != wantMechanisms[i] {
			t.Errorf("integration %d (%s): index %d, mechanism %s; want %s", i+1, in.Name, in.Index, in.Mechanism, wantMechanisms[i])
		}
	}
	want := []expectedAllocation{
		{
			"daily_api_requests", 450_000, 23_978, 239_522, "ok", "ok",
			[]string{"Support website creates cases", "Web shop checkout creates orders", "Field inspection records from the mobile app"},
		},
		{
			"event_publish_per_hour", 250_000, 17_314, 173_126, "ok", "ok",
			[]string{"IoT equipment alerts open service cases", "Technician arrival on the dispatcher console", "Order status to fulfilment systems"},
		},
		{
			"event_delivery_per_day", 25_000, 20_200, 202_000, "warn", "exceeds",
			[]string{"Opportunity replica in the data hub", "Order status to fulfilment systems", "Order shipped notifications"},
		},
		{"async_apex_executions_per_day", 250_000, 700, 7_000, "ok", "ok", []string{"Invoice request to REST billing"}},
		{"concurrent_long_running_apex", 10, 0, 0, "ok", "ok", nil},
		{"concurrent_long_running_requests", 25, 0, 0, "ok", "ok", nil},
		{"bulk_batches_per_day", 15_000, 46, 460, "ok", "ok", []string{"Nightly ERP invoice load", "HR master data from Workday"}},
		{"bulk_records_per_day", 150_000_000, 460_000, 4_600_000, "ok", "ok", []string{"Nightly ERP invoice load", "HR master data from Workday"}},
		{"bulk_query_jobs_per_day", 10_000, 0, 0, "ok", "ok", nil},
		{"odata_new_ids_per_hour", 100_000, 5_000, 50_000, "ok", "ok", []string{"ERP order history on the account page"}},
	}
	checkAllocations(t, res, want)
	ftb := res.FirstToBreak
	if ftb.Limit != "event_delivery_per_day" || ftb.Scale != "10x" || math.Abs(ftb.Share-8.08) > 1e-9 {
		t.Errorf("first to break = %+v; want event_delivery_per_day at 10x, share 8.08", ftb)
	}
	wantSentence := "Event delivery (platform events and Change Data Capture) breaks first, at 10× volume: 5 integrations would need 808% of it."
	if ftb.Sentence != wantSentence {
		t.Errorf("sentence:\n got %s\nwant %s", ftb.Sentence, wantSentence)
	}
	for _, id := range []string{"concurrent_long_running_requests", "concurrent_long_running_apex"} {
		if a := allocationOf(res, id); a == nil || !strings.Contains(a.Note, "not measured") {
			t.Errorf("%s: want a note that usage is not estimated, got %+v", id, a)
		}
	}
	if a := allocationOf(res, "daily_api_requests"); a.Addon != 50_000 || a.Note != "" {
		t.Errorf("daily_api_requests: addon %v, note %q", a.Addon, a.Note)
	}
}

func checkAllocations(t *testing.T, res *portfolio.Result, want []expectedAllocation) {
	t.Helper()
	if len(res.Allocations) != len(want) {
		t.Fatalf("%d allocations, want %d", len(res.Allocations), len(want))
	}
	for i, w := range want {
		a := res.Allocations[i]
		if a.Limit != w.limit || a.Allocation != w.allocation || a.Usage1x != w.usage1x || a.Usage10x != w.usage10x ||
			a.Verdict1x != w.verdict1x || a.Verdict10x != w.verdictX {
			t.Errorf("allocation %d:\n got %s %v: %v / %v, %s / %s\nwant %s %v: %v / %v, %s / %s", i, a.Limit, a.Allocation,
				a.Usage1x, a.Usage10x, a.Verdict1x, a.Verdict10x, w.limit, w.allocation, w.usage1x, w.usage10x, w.verdict1x, w.verdictX)
		}
		if math.Abs(a.Share1x-w.usage1x/w.allocation) > 1e-12 || math.Abs(a.Share10x-w.usage10x/w.allocation) > 1e-12 {
			t.Errorf("%s: shares %v / %v", a.Limit, a.Share1x, a.Share10x)
		}
		var names []string
		for _, c := range a.TopConsumers {
			names = append(names, c.Name)
		}
		if strings.Join(names, " | ") != strings.Join(w.top, " | ") {
			t.Errorf("%s: top consumers\n got %q\nwant %q", a.Limit, names, w.top)
		}
	}
}

func allocationOf(res *portfolio.Result, id string) *portfolio.SharedAllocation {
	for i := range res.Allocations {
		if res.Allocations[i].Limit == id {
			return &res.Allocations[i]
		}
	}
	return nil
}

// TestPortfolioBreaksToday: three order-event integrations that each fit alone (3,000 events a
// day to 3 subscribers = 9,000 deliveries, 36 % of Enterprise's 25,000; the shape of the
// order-shipped-notifications scenario, which expects Platform Events) together need
// 3 × 9,000 = 27,000 deliveries = 108 % of the allocation today. The REST integration uses
// 3,000 of 100,000 + 120 × 1,000 = 220,000 API requests (1.4 %).
func TestPortfolioBreaksToday(t *testing.T) {
	res := readPortfolio(t, "../../testdata/portfolio/retail-over-delivery.yaml")
	for _, in := range res.Integrations[:3] {
		if in.Mechanism != "platform_events" {
			t.Errorf("%s: %s, want platform_events", in.Name, in.Mechanism)
		}
	}
	d := allocationOf(res, "event_delivery_per_day")
	if d.Usage1x != 27_000 || d.Verdict1x != "exceeds" || d.Consumers1x != 3 {
		t.Errorf("event delivery: %+v", d)
	}
	if a := allocationOf(res, "daily_api_requests"); a.Allocation != 220_000 || a.Usage1x != 3_000 || a.Verdict1x != "ok" {
		t.Errorf("daily API requests: %+v", a)
	}
	want := portfolio.FirstToBreak{
		Limit: "event_delivery_per_day", Scale: "1x", Share: 1.08,
		Sentence: "Event delivery (platform events and Change Data Capture) breaks first: 3 integrations need 108% of it today.",
	}
	if got := res.FirstToBreak; got.Limit != want.Limit || got.Scale != want.Scale || math.Abs(got.Share-want.Share) > 1e-9 || got.Sentence != want.Sentence {
		t.Errorf("first to break:\n got %+v\nwant %+v", got, want)
	}
}

// TestPortfolioNothingBreaks: one web shop making 3,000 REST calls a day in an Enterprise org of
// 100 licences (100,000 + 100 × 1,000 = 200,000 requests) uses 30,000 at 10×, 15 %.
func TestPortfolioNothingBreaks(t *testing.T) {
	doc := `{"org": {"edition": "enterprise", "licenses": 100}, "integrations": [{"name": "Web shop checkout creates orders",
  "direction": "inbound", "source_of_truth": "external", "interaction": "process", "latency": "seconds", "ack": "result",
  "records_per_day": 3000, "trigger": "external_event"}]}`
	res, err := portfolio.Read(shipped.Catalog(t), "one.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := "No shared allocation breaks, even at 10× volume; the tightest is Daily API requests, at 15% of it."
	if got := res.FirstToBreak; got.Sentence != want || got.Limit != "" || got.Scale != "" {
		t.Errorf("first to break = %+v; want %q with no limit", got, want)
	}
}

// TestPortfolioAddons: buying the platform event add-on for 200,000 more deliveries a day turns
// the sample's event delivery into 25,000 + 200,000 = 225,000: 20,200 today is 9 %, and 202,000
// at 10× is 89.8 %, a warning but no longer a break. The tightest at 10× is then event delivery
// still (90 %, above publishing's 69 %).
func TestPortfolioAddons(t *testing.T) {
	data, err := os.ReadFile(samplePortfolio)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("    daily_api_requests: 50000"), []byte("    event_delivery_per_day: 200000"), 1)
	res, err := portfolio.Read(shipped.Catalog(t), "addon.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	d := allocationOf(res, "event_delivery_per_day")
	if d.Allocation != 225_000 || d.Addon != 200_000 || d.Verdict1x != "ok" || d.Verdict10x != "warn" {
		t.Errorf("event delivery with the add-on: %+v", d)
	}
	if a := allocationOf(res, "daily_api_requests"); a.Allocation != 400_000 || a.Addon != 0 {
		t.Errorf("daily API requests without the add-on: %+v", a)
	}
	want := "No shared allocation breaks, even at 10× volume; the tightest is Event delivery (platform events and Change Data Capture), at 90% of it."
	if res.FirstToBreak.Sentence != want || res.FirstToBreak.Limit != "" {
		t.Errorf("first to break = %+v", res.FirstToBreak)
	}
}

// TestPortfolioJSONInput: the sample as JSON gives the same advice and sums as the YAML.
func TestPortfolioJSONInput(t *testing.T) {
	data, err := os.ReadFile(samplePortfolio)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	js, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := portfolio.Read(shipped.Catalog(t), "sample.json", js)
	if err != nil {
		t.Fatal(err)
	}
	fromYAML := readPortfolio(t, samplePortfolio)
	for i := range fromYAML.Integrations {
		fromYAML.Integrations[i].Line, fromJSON.Integrations[i].Line = 0, 0
	}
	a, _ := json.Marshal(fromYAML)
	b, _ := json.Marshal(fromJSON)
	if !bytes.Equal(a, b) {
		t.Errorf("JSON input gives another result:\n%s\n%s", a, b)
	}
}

// TestPortfolioDeterministic: the same bytes whatever the number of workers and however often.
func TestPortfolioDeterministic(t *testing.T) {
	data := generatePortfolio(t, 500)
	c := shipped.Catalog(t)
	var first []byte
	for _, procs := range []int{1, 2, 4, 1, 3} {
		prev := runtime.GOMAXPROCS(procs)
		res, err := portfolio.Read(c, "gen.yaml", data)
		runtime.GOMAXPROCS(prev)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := json.Marshal(res)
		if first == nil {
			first = out
		} else if !bytes.Equal(out, first) {
			t.Fatalf("GOMAXPROCS=%d: output differs", procs)
		}
	}
}

// portfolioExpectation is one entry of testdata/portfolio/bad/expect.yaml.
type portfolioExpectation struct {
	Refused   bool     `yaml:"refused"`
	Evaluated int      `yaml:"evaluated"`
	Messages  []string `yaml:"messages"`
}

// TestBadPortfolios feeds every hand-written bad portfolio to the reader: never a panic, refused
// or reported as testdata/portfolio/bad/expect.yaml says, with the messages it names.
func TestBadPortfolios(t *testing.T) {
	c := shipped.Catalog(t)
	casefiles.Run(t, "../../testdata/portfolio/bad", "*", func(t *testing.T, name string, input []byte, want portfolioExpectation) {
		res, err := portfolio.Read(c, name, input)
		var text string
		switch {
		case want.Refused && err == nil:
			t.Fatalf("accepted with %d integrations; want it refused", len(res.Integrations))
		case want.Refused && rules.AsProblems(err) == nil:
			t.Fatalf("error is not a list of problems: %v", err)
		case want.Refused:
			text = err.Error()
		case err != nil:
			t.Fatalf("refused: %v; want the bad entries reported and the rest evaluated", err)
		default:
			if len(res.Integrations) != want.Evaluated {
				t.Errorf("%d evaluated, want %d", len(res.Integrations), want.Evaluated)
			}
			var lines []string
			for _, p := range res.Problems {
				lines = append(lines, p.Text(name))
			}
			text = strings.Join(lines, "\n")
		}
		for _, s := range want.Messages {
			if !strings.Contains(text, s) {
				t.Errorf("message lacks %q:\n%s", s, text)
			}
		}
	})
}

// TestPortfolioJunk: generated junk far beyond any real org is refused or reported quickly, with
// a message, never a panic.
func TestPortfolioJunk(t *testing.T) {
	c := shipped.Catalog(t)
	head := "org: {edition: enterprise, licenses: 300}\nintegrations:\n"
	cases := []struct {
		name    string
		data    string
		refused string // message fragment; empty when the entries are reported one by one
		bad     int
	}{
		{"100,000 scalars", head + strings.Repeat("  - junk\n", 100_000), "100,000 integrations; a portfolio may hold at most 20,000", 0},
		{"100,000 bad mappings", head + strings.Repeat("  - {name: x, direction: sideways, records_per_day: lots}\n", 100_000), "values", 0},
		{"100,000 in JSON", `{"org": {"edition": "enterprise", "licenses": 300}, "integrations": [` +
			strings.Repeat(`{"name": 1}, `, 99_999) + `{"name": 1}]}`, "100,000 integrations", 0},
		{"a flat list of two million", "[" + strings.Repeat("1,", 2_000_000) + "1]", "values", 0},
		{"over the size limit", head + strings.Repeat("# padding\n", portfolio.MaxSize/10), "the limit is 16,777,216", 0},
		{"5,000 bad entries", head + strings.Repeat("  - {name: x, latency: soon}\n", 5_000), "", 5_000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			res, err := portfolio.Read(c, "junk.yaml", []byte(tc.data))
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if tc.refused != "" {
				if err == nil || rules.AsProblems(err) == nil || !strings.Contains(err.Error(), tc.refused) {
					t.Fatalf("want it refused with %q, got %v", tc.refused, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// Each entry: latency "soon" is not a value, and direction, source_of_truth,
			// interaction, ack and records_per_day are missing: 6 problems; every entry after the
			// first also repeats the name "x": 7. In all 6 + 4,999 × 7 = 34,999, of which the
			// first 1,000 are listed.
			if res.Skipped != tc.bad || len(res.Integrations) != 0 {
				t.Errorf("%d entries skipped, %d evaluated; want %d and 0", res.Skipped, len(res.Integrations), tc.bad)
			}
			if len(res.Problems) != 1_000 || len(res.Problems)+res.ProblemsOmitted != 34_999 {
				t.Errorf("%d problems listed, %d omitted; want 1,000 of 34,999", len(res.Problems), res.ProblemsOmitted)
			}
			if last := res.Problems[len(res.Problems)-1]; last.Index != 143 { // 6 + 142 × 7 = 1,000
				t.Errorf("the last problem listed is of integration %d, want 143", last.Index)
			}
		})
	}
}

// TestParseYAMLLimit: the larger limit is for portfolios; answers files keep MaxFileSize.
func TestParseYAMLLimit(t *testing.T) {
	doc := []byte("a: 1\n" + strings.Repeat("# padding\n", rules.MaxFileSize/10+1))
	if _, err := rules.ParseYAML("big.yaml", doc); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("ParseYAML accepted %d bytes: %v", len(doc), err)
	}
	if n, err := rules.ParseYAMLLimit("big.yaml", doc, 2*rules.MaxFileSize); err != nil || n.Kind != yaml.MappingNode {
		t.Errorf("ParseYAMLLimit refused %d bytes: %v", len(doc), err)
	}
	if _, err := rules.ParseYAMLLimit("deep.yaml", []byte(strings.Repeat("[", 100)+strings.Repeat("]", 100)), 1<<20); err == nil {
		t.Error("ParseYAMLLimit accepted deep nesting")
	}
}

// generatePortfolio writes n integrations: the sample's entries over and over, each under a new
// name with its volume varied, so that sums and verdicts differ from the sample's.
func generatePortfolio(tb testing.TB, n int) []byte {
	tb.Helper()
	data, err := os.ReadFile(samplePortfolio)
	if err != nil {
		tb.Fatal(err)
	}
	var doc struct {
		Org          yaml.Node        `yaml:"org"`
		Integrations []map[string]any `yaml:"integrations"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString("org:\n  edition: unlimited\n  licenses: 5000\n  addons:\n    event_delivery_per_day: 1000000\nintegrations:\n")
	for i := range n {
		e := doc.Integrations[i%len(doc.Integrations)]
		fmt.Fprintf(&b, "  - name: %s (site %d)\n", e["name"], i+1)
		for _, k := range []string{
			"direction", "source_of_truth", "interaction", "latency", "ack", "records_per_day",
			"records_per_run", "trigger", "receiver", "subscribers", "ordering", "receiver_downtime_hours", "payload_kb", "middleware",
		} {
			v, ok := e[k]
			if !ok {
				continue
			}
			if k == "records_per_day" && e["records_per_run"] == nil {
				v = v.(int) + i%97 // vary one-record volumes; batch runs must stay within the day
			}
			fmt.Fprintf(&b, "    %s: %v\n", k, v)
		}
	}
	return b.Bytes()
}

// TestWriteGeneratedPortfolio writes a generated portfolio for measuring the command:
//
//	SFPATTERN_PORTFOLIO_OUT=/tmp/p10k.yaml go test ./rules/portfolio -run TestWriteGeneratedPortfolio
func TestWriteGeneratedPortfolio(t *testing.T) {
	out := os.Getenv("SFPATTERN_PORTFOLIO_OUT")
	if out == "" {
		t.Skip("set SFPATTERN_PORTFOLIO_OUT to write a 10,000-integration portfolio")
	}
	if err := os.WriteFile(out, generatePortfolio(t, 10_000), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkPortfolio10k: 10,000 integrations parsed, checked, evaluated and summed.
func BenchmarkPortfolio10k(b *testing.B) {
	c := shipped.Catalog(b)
	data := generatePortfolio(b, 10_000)
	res, err := portfolio.Read(c, "gen.yaml", data)
	if err != nil || len(res.Problems) > 0 || len(res.Integrations) != 10_000 {
		b.Fatalf("generated portfolio: %v, %d problems, %d integrations", err, len(res.Problems), len(res.Integrations))
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := portfolio.Read(c, "gen.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzPortfolio: no input makes the portfolio reader panic; a refusal is a list of problems, and
// an accepted file gives a well-formed result whose sums add up.
func FuzzPortfolio(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/portfolio/bad/*")
	more, _ := filepath.Glob("../../testdata/portfolio/*.yaml")
	for _, file := range append(files, more...) {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(filepath.Base(file), data)
		}
	}
	f.Add("x.yaml", []byte("org: {edition: developer, licenses: 0}\nintegrations: [{}]\n"))
	f.Add("x.json", []byte(`{"org": {"edition": "enterprise", "licenses": 1, "addons": {"daily_api_requests": 0}}, "integrations": [[]]}`))
	c := shipped.Catalog(f)
	verdicts := map[string]bool{"ok": true, "warn": true, "exceeds": true}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		res, err := portfolio.Read(c, name, data)
		if err != nil {
			if rules.AsProblems(err) == nil {
				t.Fatalf("error is not a list of problems: %v", err)
			}
			return
		}
		if res.FirstToBreak.Sentence == "" || len(res.Allocations) == 0 {
			t.Fatalf("incomplete result: %+v", res)
		}
		for _, p := range res.Problems {
			if p.Index < 1 || p.Message == "" {
				t.Fatalf("problem without an entry or a message: %+v", p)
			}
		}
		for _, a := range res.Allocations {
			if !verdicts[a.Verdict1x] || !verdicts[a.Verdict10x] || a.Usage1x < 0 || math.IsNaN(a.Share1x) {
				t.Fatalf("bad allocation row: %+v", a)
			}
			sum := 0.0
			for _, u := range a.TopConsumers {
				sum += u.Usage
			}
			if sum > a.Usage1x*(1+1e-9) {
				t.Fatalf("%s: top consumers use %v of %v", a.Limit, sum, a.Usage1x)
			}
		}
	})
}
