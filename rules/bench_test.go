package rules_test

import (
	"testing"

	"github.com/sfpattern/sfpattern/content"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// BenchmarkEvaluate measures one evaluation: answers parsed, knowledge base loaded.
func BenchmarkEvaluate(b *testing.B) {
	c := shipped.Catalog(b)
	a := benchAnswers(b, c)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Evaluate(a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecide measures one evaluation without its explanations (Catalog.Decide), as a
// portfolio, a what-if search and the wizard's live panel run it.
func BenchmarkDecide(b *testing.B) {
	c := shipped.Catalog(b)
	a := benchAnswers(b, c)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Decide(a, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecideInto is BenchmarkDecide reusing one decision, as a portfolio's workers do.
func BenchmarkDecideInto(b *testing.B) {
	c := shipped.Catalog(b)
	a := benchAnswers(b, c)
	var d rules.Decision
	b.ReportAllocs()
	for b.Loop() {
		if err := c.DecideInto(&d, a, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad measures loading, checking and compiling the embedded knowledge base.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.Load(content.FS); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadAnswers measures parsing and checking an answers file.
func BenchmarkReadAnswers(b *testing.B) {
	c := shipped.Catalog(b)
	data := []byte("name: Bench\ndirection: outbound\nsource_of_truth: salesforce\ninteraction: data\n" +
		"latency: seconds\nack: none\nrecords_per_day: 200000\nsubscribers: 3\n")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := c.ReadAnswers("bench.yaml", data, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// benchAnswers are the answers the evaluation benchmarks share: an outbound data feed to three
// subscribers at 200,000 records a day.
func benchAnswers(b *testing.B, c *rules.Catalog) rules.Answers {
	b.Helper()
	a, _, err := c.ReadAnswers("", nil, []string{
		"name=Bench", "direction=outbound", "source_of_truth=salesforce",
		"interaction=data", "latency=seconds", "ack=none", "records_per_day=200000", "subscribers=3",
	})
	if err != nil {
		b.Fatal(err)
	}
	return a
}
