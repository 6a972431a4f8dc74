package rules_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// baseAnswers is one ordinary outbound data integration. Every rule case starts from it and
// overrides the fields it is about, so a case reads as "this answer makes the rule match".
var baseAnswers = []string{
	"name=Rule table case",
	"direction=outbound",
	"source_of_truth=salesforce",
	"interaction=data",
	"latency=seconds",
	"ack=none",
	"records_per_day=1000",
}

// ruleCase is one row of the rule table: answers, and what the rule's trace step must say.
type ruleCase struct {
	set   []string // overrides of baseAnswers, as --set would give them
	mech  string   // each_mechanism rules: the mechanism whose step is checked
	match bool
	// effects is the step's effect list, exactly and in catalog mechanism order, written by hand
	// from the rule's YAML. Nil on a matching case means a warning rule: no effect, and a warning
	// with the rule's id and the same text.
	effects []string
	// because are fragments the step's sentence must contain: the user's own values where the
	// template has placeholders.
	because []string
}

func matches(set []string, effects []string, because ...string) ruleCase {
	return ruleCase{set: set, match: true, effects: effects, because: because}
}

func noMatch(set ...string) ruleCase { return ruleCase{set: set} }

func warns(set []string, because ...string) ruleCase {
	return ruleCase{set: set, match: true, because: because}
}

func matchesFor(mech string, set []string, effect string, because ...string) ruleCase {
	return ruleCase{set: set, mech: mech, match: true, effects: []string{mech + " " + effect}, because: because}
}

func noMatchFor(mech string, set ...string) ruleCase { return ruleCase{set: set, mech: mech} }

// on and fx shorten the table's literals.
func on(s ...string) []string { return s }
func fx(s ...string) []string { return s }

// ruleTable has cases for every rule in content/rules. Capacity figures in the comments are the
// hand-worked model (content/facts.yaml, the mechanisms' capacity blocks, limits for Enterprise
// Edition with 100 licences unless the case says otherwise).
var ruleTable = map[string][]ruleCase{
	// capacity.yaml — each_mechanism rules, driven by one mechanism's tightest row of each kind.
	"wall-exceeded": {
		// A person's request is one transaction: 150 records × 1 consumer = 150 callouts of 2 s =
		// 300 s of 120 s (250 %), tighter than 150 of 100 callouts, so that row is quoted.
		matchesFor("apex_callout", on("latency=interactive", "receiver=rest_endpoint", "records_per_day=150", "records_per_run=150"), "exclude",
			"It would need 300 seconds against Cumulative callout time per Apex transaction", "a fixed limit of 120 per message or transaction"),
		matchesFor("platform_events", on("payload_kb=2000"), "exclude", "It would need 2,000 KB against Maximum event message size"),
		// Asynchronously the same run is split into Batch Apex scopes of min(75, 90 s / 2 s) = 45.
		noMatchFor("apex_callout", "receiver=rest_endpoint", "records_per_day=150", "records_per_run=150"),
		noMatchFor("platform_events", "payload_kb=1024"), // exactly the limit still fits
	},
	"budget-exceeded": {
		// 4 external clients × 20,000 records = 80,000 deliveries > 25,000 a day (320 %). One
		// middleware subscription brings it to 20,000 (80 %), the add-on to 80,000 of 125,000
		// (64 %): a remedy restores the headroom, so the row is flagged at no cost.
		matchesFor("platform_events", on("subscribers=4", "records_per_day=20000"), "0",
			"needs 80,000 deliveries per 24 h of Event delivery", "over the 25,000 available (320%)",
			"one middleware subscription that fans out to the consumers: 20,000 of 25,000 deliveries per 24 h (80%); or one platform event add-on licence: 80,000 of 125,000"),
		// No licences: 100,000 requests a day. 500,000 calls (500 %) is past what buying the gap may
		// cover (twice the allocation), Collections are for callers that send to Salesforce, and
		// Unlimited Edition adds nothing without licences: 5 + 20 × 4 = 85, capped at 60.
		matchesFor("rest_api", on("latency=hours", "records_per_day=500000", "licenses=0"), "-60",
			"needs 500,000 requests per 24 h of Daily API requests, over the 100,000 available (500%)",
			"none of the listed remedies applies to these answers"),
		// Inbound, 250,000 calls of 200,000 (125 %): sObject Collections send 1,250 calls.
		matchesFor("rest_api", on("direction=inbound", "records_per_day=250000"), "0",
			"send up to 200 records per call with sObject Collections: 1,250 of 200,000 requests per 24 h (0.6%)"),
		noMatchFor("platform_events", "records_per_day=21000"),                                       // 84 %: tight, not exceeded
		noMatchFor("platform_events", "subscribers=4", "records_per_day=20000", "middleware=true"),   // counted once: 80 %
		noMatchFor("platform_events", "direction=inbound", "subscribers=4", "records_per_day=20000"), // in-org automations
	},
	"budget-tight": {
		// 21,000 of 25,000 deliveries = 84 %; the add-on brings it to 17 %, so it costs nothing.
		matchesFor("platform_events", on("records_per_day=21000"), "0",
			"already needs 84% of Event delivery", "(21,000 of 25,000 deliveries per 24 h)"),
		// 90,000 of 100,000 requests (no licences, outbound) is 90 %, and no remedy applies:
		// 5 × (0.9 − 0.8) / 0.2 = 2.5, rounded to 3.
		matchesFor("rest_api", on("latency=hours", "records_per_day=90000", "licenses=0"), "-3",
			"already needs 90% of Daily API requests", "(90,000 of 100,000 requests per 24 h)"),
		noMatchFor("platform_events", "records_per_day=19999"),                  // just under 80 %
		noMatchFor("platform_events", "subscribers=4", "records_per_day=20000"), // exceeded, not tight
	},
	"budget-fails-stress": {
		// 5,000 deliveries (20 %) today, 50,000 of 25,000 at 10×; the add-on's 125,000 covers it.
		matchesFor("platform_events", on("records_per_day=5000"), "0",
			"would need 50,000 deliveries per 24 h of Event delivery", "over the 25,000 available (200%)"),
		// Outbound, no licences: 150,000 of 100,000 calls at 10×; buying the 50,000 missing leaves
		// it at 100 % (5 points), a quarter of which the stress test counts: 1.
		matchesFor("rest_api", on("latency=hours", "records_per_day=15000", "licenses=0"), "-1",
			"would need 150,000 requests per 24 h", "buy API call add-ons for what is missing: 150,000 of 150,000"),
		noMatchFor("rest_api", "records_per_day=5000"), // 50,000 of 200,000 at 10×
	},
	"budget-tight-under-stress": {
		// 18,000 REST calls (9 %) today, 180,000 of 200,000 (90 %) at 10×; Unlimited Edition's
		// 600,000 would cover it.
		matchesFor("rest_api", on("records_per_day=18000"), "0", "would need 90% of Daily API requests"),
		noMatchFor("platform_events", "records_per_day=18000"), // 10× exceeds instead
		noMatchFor("rest_api", "records_per_day=21000"),        // 10× is 105 %: exceeds
		noMatchFor("rest_api", "records_per_day=1000"),         // 10× is 5 %
	},
	"window-exceeded": {
		matchesFor("platform_events", on("receiver_downtime_hours=100"), "-15",
			"The receiver may be down 100 hours, longer than Event retention for replay (72 hours)",
			"a durable buffer in middleware that stays subscribed"),
		// Apex keeps no queue at all: any outage of a called receiver needs an outbox.
		matchesFor("apex_callout", on("receiver=rest_endpoint", "receiver_downtime_hours=2"), "-15",
			"longer than Time Salesforce holds a failed callout for retry (0 hours)", "an outbox record per call"),
		// One hour is "1 hour", not "1 hours".
		matchesFor("apex_callout", on("receiver=rest_endpoint", "receiver_downtime_hours=1"), "-15",
			"The receiver may be down 1 hour, longer than"),
		noMatchFor("platform_events", "receiver_downtime_hours=72"),                     // exactly the window
		noMatchFor("platform_events", "receiver_downtime_hours=100", "middleware=true"), // middleware buffers
		noMatchFor("apex_callout", "receiver=rest_endpoint", "receiver_downtime_hours=2", "latency=interactive"),
	},

	// data.yaml
	"virtual-stays-in-place": {
		matches(on("interaction=virtual"), fx("platform_events exclude", "change_data_capture exclude",
			"outbound_messaging exclude", "apex_callout -20", "rest_api exclude", "bulk_api exclude", "salesforce_connect +60"),
			"You said interaction = virtual"),
		matches(on("interaction=virtual", "direction=bidirectional"), fx("platform_events exclude", "change_data_capture exclude",
			"outbound_messaging exclude", "apex_callout -20", "rest_api exclude", "bulk_api exclude", "salesforce_connect +60"),
			"You said interaction = virtual"),
		noMatch("interaction=virtual", "direction=inbound"),
		noMatch(),
	},
	"virtual-read-through-api": {
		matches(on("interaction=virtual", "direction=inbound"), fx("platform_events exclude", "rest_api +30", "bulk_api exclude"),
			"interaction = virtual with direction = inbound"),
		noMatch("interaction=virtual"),
		noMatch("direction=inbound"),
	},
	"connect-only-views": {
		matches(on("interaction=process"), fx("salesforce_connect exclude"), "You said interaction = process:"),
		matches(nil, fx("salesforce_connect exclude"), "You said interaction = data:"),
		noMatch("interaction=virtual"),
	},
	"record-replication": {
		matches(nil, fx("change_data_capture +20"), "interaction = data with trigger = record_change"),
		matches(on("source_of_truth=shared", "direction=bidirectional"), fx("change_data_capture +20")),
		noMatch("source_of_truth=external"),
		noMatch("trigger=schedule"),
		noMatch("direction=inbound"),
		noMatch("interaction=process"),
	},
	"process-needs-a-command": {
		matches(on("interaction=process"), fx("platform_events +10", "change_data_capture -20", "apex_callout +5", "bulk_api -20"),
			"You said interaction = process"),
		noMatch(),
	},
	"copies-by-code": {
		matches(nil, fx("apex_callout -10"), "You said interaction = data"),
		noMatch("direction=inbound"),
		noMatch("interaction=process"),
	},
	"external-owner-answers": {
		matches(on("source_of_truth=external", "ack=result"), fx("apex_callout +15"),
			"source_of_truth = external and ack = result"),
		noMatch("source_of_truth=external"),
		noMatch("source_of_truth=external", "ack=result", "direction=inbound"),
	},
	"cdc-publishes-salesforce-changes": {
		matches(on("source_of_truth=external"), fx("change_data_capture -15"), "You said source_of_truth = external"),
		noMatch("source_of_truth=external", "direction=bidirectional"),
		noMatch("source_of_truth=external", "interaction=process"),
	},
	"user-action-outbound": {
		matches(on("trigger=user_action"), fx("change_data_capture -15", "apex_callout +10"), "You said trigger = user_action"),
		noMatch("trigger=user_action", "direction=inbound"),
		noMatch(),
	},
	"scheduled-run": {
		matches(on("trigger=schedule"), fx("platform_events -15", "change_data_capture -30", "outbound_messaging -25",
			"rest_api +5", "bulk_api +10"), "You said trigger = schedule"),
		noMatch("trigger=external_event"),
	},
	"external-event-notifies-salesforce": {
		matches(on("trigger=external_event", "direction=inbound"), fx("platform_events +10", "rest_api +5"),
			"trigger = external_event with direction = inbound"),
		noMatch("trigger=external_event"),
		noMatch("direction=inbound"),
	},
	"om-fires-on-record-change": {
		matches(on("trigger=schedule"), fx("outbound_messaging -20"), "You said trigger = schedule:"),
		matches(on("trigger=user_action"), fx("outbound_messaging -20"), "You said trigger = user_action:"),
		noMatch(),
		noMatch("trigger=schedule", "direction=inbound"),
	},

	// direction.yaml
	"inbound-cannot-start-in-salesforce": {
		matches(on("direction=inbound"), fx("change_data_capture exclude", "outbound_messaging exclude",
			"apex_callout exclude", "salesforce_connect exclude"), "You said direction = inbound"),
		noMatch("direction=bidirectional"),
	},
	"outbound-realtime-needs-push": {
		matches(nil, fx("rest_api exclude", "bulk_api exclude"), "direction = outbound with latency = seconds"),
		matches(on("latency=interactive"), fx("rest_api exclude", "bulk_api exclude"), "direction = outbound with latency = interactive"),
		noMatch("latency=minutes"),
		noMatch("direction=bidirectional"),
	},
	"outbound-process-needs-push": {
		matches(on("interaction=process", "latency=daily"), fx("rest_api exclude", "bulk_api exclude"),
			"direction = outbound for a process step"),
		noMatch("interaction=process", "direction=inbound"),
		noMatch("interaction=process", "direction=bidirectional"),
	},
	"outbound-minutes-polling": {
		matches(on("latency=minutes"), fx("rest_api -25", "bulk_api -25"), "direction = outbound with latency = minutes"),
		noMatch(),
		noMatch("latency=minutes", "direction=bidirectional"),
	},
	"outbound-batch-extract": {
		matches(on("latency=daily"), fx("rest_api +5", "bulk_api +15"), "direction = outbound for data with latency = daily"),
		matches(on("latency=hours"), fx("rest_api +5", "bulk_api +15"), "with latency = hours"),
		noMatch("latency=hours", "interaction=process"),
		noMatch("latency=minutes"),
	},
	"inbound-crud-single-consumer": {
		matches(on("direction=inbound"), fx("platform_events -5", "rest_api +15"),
			"You said direction = inbound for data with subscribers = 1"),
		noMatch("direction=inbound", "subscribers=2"),
		noMatch("direction=inbound", "interaction=process"),
		noMatch(),
	},
	"bidirectional-call-in-leg": {
		matches(on("direction=bidirectional"), fx("rest_api +5", "bulk_api +5"), "You said direction = bidirectional"),
		noMatch(),
	},

	// ordering.yaml
	"strict-order": {
		matches(on("ordering=strict"), fx("platform_events -10", "change_data_capture -5", "outbound_messaging -30",
			"apex_callout -5", "bulk_api -20"), "You said ordering = strict"),
		noMatch("ordering=per_record"),
	},
	"per-record-order": {
		matches(on("ordering=per_record"), fx("change_data_capture +5", "outbound_messaging -20", "bulk_api -10"),
			"You said ordering = per_record"),
		noMatch("ordering=strict"),
	},
	// platform.yaml
	"om-no-further-investment": {
		matches(nil, fx("outbound_messaging -15"), "no further investment"),
		noMatch("direction=inbound"),
	},
	"connect-extra-licence": {
		matches(on("interaction=virtual", "edition=performance"), fx("salesforce_connect -5"), "You said edition = performance:"),
		matches(on("interaction=virtual"), fx("salesforce_connect -5"), "You said edition = enterprise:"), // the default
		noMatch("interaction=virtual", "edition=developer"),
		noMatch("edition=unlimited"),
	},

	// receiver.yaml
	"soap-listener": {
		matches(on("receiver=soap_endpoint"), fx("outbound_messaging +35", "apex_callout +10"), "You said receiver = soap_endpoint"),
		noMatch("receiver=rest_endpoint"),
		// receiver is not asked for inbound integrations, so the answer is dropped.
		noMatch("receiver=soap_endpoint", "direction=inbound"),
	},
	"callable-only-receiver": {
		matches(on("receiver=rest_endpoint"), fx("platform_events exclude", "change_data_capture exclude"),
			"You said receiver = rest_endpoint and no middleware"),
		matches(on("receiver=soap_endpoint"), fx("platform_events exclude", "change_data_capture exclude"),
			"You said receiver = soap_endpoint and no middleware"),
		noMatch("receiver=rest_endpoint", "middleware=true"),
		noMatch(),
	},
	"om-needs-soap-listener": {
		matches(nil, fx("outbound_messaging exclude"), "You said receiver = subscriber:"),
		matches(on("receiver=rest_endpoint"), fx("outbound_messaging exclude"), "You said receiver = rest_endpoint:"),
		noMatch("receiver=soap_endpoint"),
		noMatch("middleware=true"),
		noMatch("direction=inbound"),
	},
	"om-via-middleware": {
		matches(on("receiver=rest_endpoint", "middleware=true"), fx("outbound_messaging -30"), "You said receiver = rest_endpoint:"),
		noMatch("receiver=rest_endpoint"),
		noMatch("receiver=soap_endpoint", "middleware=true"),
	},
	"rest-endpoint-callout": {
		matches(on("receiver=rest_endpoint"), fx("apex_callout +20"), "You said receiver = rest_endpoint"),
		noMatch(),
	},
	"receiver-subscribes": {
		matches(nil, fx("platform_events +10", "change_data_capture +10"), "You said receiver = subscriber"),
		noMatch("direction=inbound"), // the default subscriber answer does not apply inbound
		noMatch("receiver=rest_endpoint"),
	},
	"several-consumers": {
		// Platform events and change events serve several consumers alike.
		matches(on("subscribers=2"), fx("platform_events +15", "change_data_capture +15", "outbound_messaging -15", "apex_callout -15"),
			"You said subscribers = 2:"),
		noMatch("subscribers=1"),
	},
	"many-consumers": {
		matches(on("subscribers=3"), fx("platform_events +10", "change_data_capture +10", "outbound_messaging -10", "apex_callout -10"),
			"You said subscribers = 3:", "platform events and change events do alike"),
		matches(on("subscribers=1000"), fx("platform_events +10", "change_data_capture +10", "outbound_messaging -10", "apex_callout -10"),
			"You said subscribers = 1,000:"),
		noMatch("subscribers=2"),
		noMatch("subscribers=3", "direction=inbound"), // the guide's call-in rule covers it
	},
	"many-consumers-call-in": {
		matches(on("subscribers=3", "direction=inbound"), fx("platform_events +15", "rest_api -10"),
			"You said direction = inbound with subscribers = 3"),
		noMatch("subscribers=3"),
		noMatch("subscribers=2", "direction=inbound"),
	},
	"subscribe-only-receiver": {
		matches(nil, fx("apex_callout exclude"), "You said receiver = subscriber and no middleware"),
		noMatch("middleware=true"),
		noMatch("receiver=rest_endpoint"),
		noMatch("direction=inbound"),
	},
	"callable-only-receiver-does-not-poll": {
		matches(on("receiver=rest_endpoint"), fx("rest_api exclude", "bulk_api exclude"),
			"You said receiver = rest_endpoint and no middleware: the receiving system only answers calls"),
		matches(on("receiver=soap_endpoint"), fx("rest_api exclude", "bulk_api exclude")),
		noMatch("receiver=rest_endpoint", "middleware=true"), // middleware can poll for it
		noMatch("receiver=rest_endpoint", "direction=bidirectional"),
		noMatch(),
	},
	"use-the-middleware": {
		matches(on("middleware=true"), fx("platform_events +5", "change_data_capture +5", "apex_callout -5", "bulk_api +5"),
			"You said middleware = true"),
		noMatch(),
	},

	// timing.yaml
	"sync-only-when-a-person-waits": {
		matches(on("latency=interactive"), fx("platform_events -25", "change_data_capture -30", "outbound_messaging -30",
			"apex_callout +30", "rest_api +25", "bulk_api exclude", "salesforce_connect +15"), "You said latency = interactive"),
		matches(on("latency=interactive", "direction=inbound", "ack=result"), fx("platform_events -25", "change_data_capture -30",
			"outbound_messaging -30", "apex_callout +30", "rest_api +25", "bulk_api exclude", "salesforce_connect +15")),
		noMatch("latency=interactive", "direction=inbound"),    // inbound, nothing back: pushed to the screen
		noMatch("latency=interactive", "response_seconds=300"), // no request can wait that long
		noMatch(),
	},
	"person-waits-for-the-outcome": {
		matches(on("latency=interactive", "ack=result"), fx("platform_events exclude", "change_data_capture exclude",
			"outbound_messaging exclude"), "latency = interactive and ack = result"),
		noMatch("latency=interactive", "ack=delivery"),
		noMatch("ack=result"),
		// Nobody can wait 200 s for any mechanism: the step becomes a callback instead.
		noMatch("latency=interactive", "ack=result", "response_seconds=200"),
		matches(on("latency=interactive", "ack=result", "direction=inbound"), fx("platform_events exclude", "change_data_capture exclude",
			"outbound_messaging exclude")),
	},
	"pushed-to-the-screen": {
		matches(on("direction=inbound", "latency=interactive"), fx("platform_events +45", "rest_api -10", "bulk_api exclude"),
			"direction = inbound, latency = interactive and ack = none"),
		noMatch("latency=interactive"),
		noMatch("direction=inbound", "latency=interactive", "ack=delivery"),
	},
	"near-real-time-events": {
		matches(nil, fx("platform_events +15", "change_data_capture +15", "outbound_messaging +5", "bulk_api -30"),
			"You said latency = seconds"),
		noMatch("latency=minutes"),
	},
	"minutes-async": {
		matches(on("latency=minutes"), fx("platform_events +5", "change_data_capture +5", "bulk_api -5"), "You said latency = minutes"),
		noMatch("latency=hours"),
	},
	"batch-latency": {
		matches(on("latency=hours"), fx("platform_events -10", "change_data_capture -5", "outbound_messaging -10",
			"apex_callout -10", "bulk_api +15"), "You said latency = hours:"),
		matches(on("latency=daily"), fx("platform_events -10", "change_data_capture -5", "outbound_messaging -10",
			"apex_callout -10", "bulk_api +15"), "You said latency = daily:"),
		noMatch("latency=minutes"),
	},
	"result-needs-a-reply": {
		matches(on("ack=result"), fx("platform_events -20", "change_data_capture -25", "outbound_messaging -20",
			"apex_callout +20", "rest_api +15", "salesforce_connect +10"), "You said ack = result"),
		matches(on("ack=result", "direction=inbound"), fx("platform_events -20", "change_data_capture -25", "outbound_messaging -20",
			"apex_callout +20", "rest_api +15", "salesforce_connect +10")),
		noMatch("ack=delivery"),
		noMatch("ack=result", "response_seconds=121"), // no callout returns it: result-by-callback
	},
	"delivery-guarantee": {
		matches(on("ack=delivery"), fx("platform_events +5", "change_data_capture +5", "outbound_messaging +10", "apex_callout -5"),
			"You said ack = delivery"),
		noMatch(),
	},
	"fire-and-forget": {
		matches(nil, fx("platform_events +10", "change_data_capture +5", "apex_callout -5"), "You said ack = none"),
		noMatch("ack=delivery"),
	},

	// volume.yaml — the threshold is limit.bulk_threshold_records (2,000).
	"bulk-above-threshold": {
		matches(on("records_per_day=100000", "records_per_run=5000"), fx("platform_events -20", "change_data_capture -15",
			"outbound_messaging -25", "apex_callout -30", "rest_api -30", "bulk_api +40", "salesforce_connect -10"),
			"You said records_per_run = 5,000:", "operations on more than 2,000 records"),
		matches(on("records_per_day=100000", "records_per_run=2001"), fx("platform_events -20", "change_data_capture -15",
			"outbound_messaging -25", "apex_callout -30", "rest_api -30", "bulk_api +40", "salesforce_connect -10"),
			"records_per_run = 2,001:"),
		noMatch("records_per_day=100000", "records_per_run=2000"),
	},
	"bulkified-calls-below-threshold": {
		matches(on("records_per_day=100000", "records_per_run=2000"), fx("rest_api +10", "bulk_api -25"),
			"You said records_per_run = 2,000:", "below 2,000 records per operation"),
		matches(nil, fx("rest_api +10", "bulk_api -25"), "records_per_run = 1:"), // the default
		noMatch("records_per_day=100000", "records_per_run=2001"),
	},
	"call-in-impractical-at-volume": {
		matches(on("records_per_day=100000", "latency=daily"), fx("apex_callout -15", "rest_api -15", "bulk_api +15"),
			"You said records_per_day = 100,000 for a data sync"),
		matches(on("records_per_day=2M", "latency=hours", "direction=inbound"), fx("apex_callout -15", "rest_api -15", "bulk_api +15"),
			"records_per_day = 2,000,000"),
		noMatch("records_per_day=99999", "latency=daily"),
		noMatch("records_per_day=100000", "latency=minutes"),
		noMatch("records_per_day=100000", "latency=daily", "interaction=process"),
	},

	// warnings.yaml — no effects; a matching rule raises a warning with its id.
	"bidirectional-two-legs": {
		warns(on("direction=bidirectional"), "run it again with direction = outbound"),
		noMatch(),
	},
	"professional-needs-api-addon": {
		warns(on("edition=professional"), "Professional Edition reaches the APIs only with the API add-on"),
		noMatch("edition=enterprise"),
	},
	"developer-edition-allocations": {
		warns(on("edition=developer"), "Developer Edition allocations are far below production's"),
		noMatch("edition=professional"),
	},
	"person-waits-on-a-batch": {
		warns(on("latency=interactive", "records_per_day=10000", "records_per_run=5000"),
			"latency = interactive with records_per_run = 5,000:"),
		noMatch("latency=interactive", "records_per_day=10000", "records_per_run=2000"),
		noMatch("latency=seconds", "records_per_day=10000", "records_per_run=5000"),
	},
	"person-waits-on-a-schedule": {
		warns(on("latency=interactive", "trigger=schedule"), "latency = interactive with trigger = schedule"),
		noMatch("latency=interactive"),
		noMatch("trigger=schedule"),
	},
	"virtual-but-salesforce-owns": {
		warns(on("interaction=virtual"), "interaction = virtual with source_of_truth = salesforce"),
		noMatch("interaction=virtual", "source_of_truth=external"),
		noMatch("interaction=virtual", "direction=inbound"),
	},
	"virtual-but-batch": {
		warns(on("interaction=virtual", "latency=daily"), "interaction = virtual with latency = daily:"),
		warns(on("interaction=virtual", "latency=hours"), "interaction = virtual with latency = hours:"),
		noMatch("interaction=virtual", "latency=minutes"),
		noMatch("latency=daily"),
	},
	"pushing-data-owned-elsewhere": {
		warns(on("source_of_truth=external"), "direction = outbound with source_of_truth = external"),
		noMatch("source_of_truth=external", "direction=bidirectional"),
		noMatch("source_of_truth=external", "interaction=process"),
	},
	"no-volume": {
		warns(on("records_per_day=0"), "records_per_day = 0:"),
		noMatch("records_per_day=1"),
	},
	"outage-beyond-replay": {
		warns(on("receiver_downtime_hours=73"), "receiver_downtime_hours = 73 is beyond the 72-hour replay window",
			"the 24-hour Outbound Messaging retries"),
		noMatch("receiver_downtime_hours=72"),
		noMatch("receiver_downtime_hours=73", "middleware=true"),
	},

	// edition.yaml — Professional Edition lacks mechanisms outright.
	"edition-lacks-events": {
		matches(on("edition=professional"), fx("platform_events exclude", "change_data_capture exclude"),
			"You said edition = professional: platform events, Change Data Capture and Pub/Sub API"),
		noMatch("edition=enterprise"),
		noMatch("edition=developer"),
	},
	"edition-lacks-apex": {
		matches(on("edition=professional"), fx("apex_callout exclude"), "runs no Apex of your own"),
		noMatch("edition=unlimited"),
	},
	"edition-lacks-outbound-messaging": {
		matches(on("edition=professional"), fx("outbound_messaging exclude"), "polls Salesforce over REST or Bulk API"),
		noMatch("edition=performance"),
	},
	"edition-lacks-connect": {
		matches(on("edition=professional"), fx("salesforce_connect exclude"), "not for Professional Edition"),
		noMatch("edition=developer"),
	},

	// timing.yaml — what a result needs, by direction and by how long the remote step takes.
	"published-event-returns-no-result": {
		matches(on("direction=inbound", "ack=result"), fx("platform_events exclude"),
			"You said direction = inbound and ack = result", "returns only the receipt"),
		noMatch("direction=inbound", "ack=delivery"),
		noMatch("ack=result"), // outbound: the receiver can call back
	},
	"result-by-callback": {
		matches(on("ack=result", "response_seconds=1800"), fx("platform_events +10", "outbound_messaging +5"),
			"You said response_seconds = 1,800 with ack = result", "longer than the 120 seconds a callout may wait"),
		noMatch("ack=result", "response_seconds=120"),
		noMatch("ack=delivery", "response_seconds=1800"),
		noMatch("ack=result", "direction=inbound"),
	},

	// warnings.yaml — the two added with the consumers and timing questions.
	"screens-without-users": {
		warns(on("direction=inbound", "latency=interactive"), "but screen_users = 0"),
		noMatch("direction=inbound", "latency=interactive", "screen_users=40"),
		noMatch("direction=inbound", "latency=interactive", "ack=result"),
	},
	"reply-beyond-callout-limit": {
		warns(on("latency=interactive", "ack=result", "response_seconds=200"), "response_seconds = 200: no callout waits longer than 120 seconds"),
		warns(on("latency=interactive", "response_seconds=600")),
		noMatch("latency=interactive", "response_seconds=120"),
		noMatch("ack=result", "response_seconds=600"), // nobody waits: result-by-callback says how
		noMatch("latency=interactive", "response_seconds=600", "direction=inbound"),
	},
}

// decide evaluates baseAnswers with the overrides, the way `recommend --set` would.
func decideWith(tb testing.TB, c *rules.Catalog, overrides []string) *rules.Decision {
	tb.Helper()
	raw := rules.NewAnswers()
	for _, s := range append(slices.Clone(baseAnswers), overrides...) {
		if err := c.Set(raw, s); err != nil {
			tb.Fatalf("--set %s: %v", s, err)
		}
	}
	a, _, err := c.CheckAnswers(raw)
	if err != nil {
		tb.Fatalf("answers: %v", err)
	}
	d, err := c.Evaluate(a)
	if err != nil {
		tb.Fatalf("evaluate: %v", err)
	}
	return d
}

// traceStep returns the one trace step of a rule (for one mechanism, for each_mechanism rules).
func traceStep(tb testing.TB, d *rules.Decision, rule, mechanism string) rules.Step {
	tb.Helper()
	var found []rules.Step
	for _, s := range d.Trace {
		if s.Rule == rule && s.Mechanism == mechanism {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		tb.Fatalf("trace has %d steps for rule %s mechanism %q, want 1", len(found), rule, mechanism)
	}
	return found[0]
}

func warningOf(d *rules.Decision, id string) *rules.Warning {
	for i := range d.Warnings {
		if d.Warnings[i].ID == id {
			return &d.Warnings[i]
		}
	}
	return nil
}

// TestRuleTable checks every rule against hand-written answers: whether it matches, what it does
// to which mechanism, and that its sentence quotes the user's values.
func TestRuleTable(t *testing.T) {
	c := shipped.Catalog(t)
	for _, id := range slices.Sorted(maps.Keys(ruleTable)) {
		t.Run(id, func(t *testing.T) {
			for i, tc := range ruleTable[id] {
				t.Run(caseName(i, tc), func(t *testing.T) {
					checkRuleCase(t, c, id, tc)
				})
			}
		})
	}
}

func caseName(i int, tc ruleCase) string {
	verb := "no"
	if tc.match {
		verb = "match"
	}
	name := fmt.Sprintf("%d-%s", i, verb)
	if tc.mech != "" {
		name += "-" + tc.mech
	}
	if len(tc.set) > 0 {
		name += "-" + strings.Join(tc.set, ",")
	}
	return name
}

func checkRuleCase(t *testing.T, c *rules.Catalog, id string, tc ruleCase) {
	d := decideWith(t, c, tc.set)
	step := traceStep(t, d, id, tc.mech)
	w := warningOf(d, id)
	if step.Matched != tc.match {
		t.Fatalf("matched = %t, want %t (because %q)", step.Matched, tc.match, step.Because)
	}
	if !tc.match {
		if len(step.Effects) != 0 || step.Because != "" {
			t.Errorf("unmatched step has effects %q, because %q", step.Effects, step.Because)
		}
		if w != nil {
			t.Errorf("unmatched rule raised warning %q", w.Message)
		}
		return
	}
	if !slices.Equal(step.Effects, tc.effects) {
		t.Errorf("effects\n got %q\nwant %q", step.Effects, tc.effects)
	}
	if step.Because == "" || strings.ContainsAny(step.Because, "{}") {
		t.Errorf("because is empty or has an unfilled placeholder: %q", step.Because)
	}
	for _, frag := range tc.because {
		if !strings.Contains(step.Because, frag) {
			t.Errorf("because does not contain %q:\n%s", frag, step.Because)
		}
	}
	switch {
	case tc.effects == nil && w == nil:
		t.Errorf("warning rule matched but raised no warning %s", id)
	case tc.effects == nil && w.Message != step.Because:
		t.Errorf("warning %s says %q, trace says %q", id, w.Message, step.Because)
	case tc.effects != nil && w != nil:
		t.Errorf("scoring rule raised a warning: %q", w.Message)
	}
}

// TestRuleTableCoversEveryRule fails when a rule has no table entry, or no case that matches
// and one that does not, so a new rule cannot ship untested.
func TestRuleTableCoversEveryRule(t *testing.T) {
	c := shipped.Catalog(t)
	known := map[string]bool{}
	for _, r := range c.Rules {
		known[r.ID] = true
		cases := ruleTable[r.ID]
		if !slices.ContainsFunc(cases, func(tc ruleCase) bool { return tc.match }) ||
			!slices.ContainsFunc(cases, func(tc ruleCase) bool { return !tc.match }) {
			t.Errorf("rule %s (%s) needs a matching and a non-matching case in ruleTable", r.ID, r.File)
		}
		for i, tc := range cases {
			if r.EachMechanism != (tc.mech != "") {
				t.Errorf("rule %s case %d: mech must be set exactly for each_mechanism rules", r.ID, i)
			}
			if tc.match && r.Warning != (tc.effects == nil) {
				t.Errorf("rule %s case %d: warning rules, and only they, match without effects", r.ID, i)
			}
		}
	}
	for id := range ruleTable {
		if !known[id] {
			t.Errorf("ruleTable has cases for %s, which is not a rule", id)
		}
	}
}
