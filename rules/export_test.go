package rules

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/sfpattern/sfpattern/content"
)

// CopyContent copies the embedded knowledge base, snapshot included, into a map that a test can
// change. It is here, in the package itself, so that its own tests and the external ones share it.
func CopyContent(tb testing.TB) fstest.MapFS {
	tb.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content.FS, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// YAMLFiles is CopyContent without the snapshot: the knowledge base as Load reads it from YAML.
func YAMLFiles(tb testing.TB) fstest.MapFS {
	m := CopyContent(tb)
	delete(m, BundleFile)
	return m
}

// LeanDiff compares what Decide returned with what EvaluateOrg returned for the same answers,
// once the explanations Decide leaves out are taken from the explained copy: "" when they agree,
// else the first field that differs, in JSON.
func LeanDiff(explained, lean *Decision) string {
	want, got := withoutExplanations(explained), withoutExplanations(lean)
	parts := []struct {
		name      string
		want, got any
	}{
		{"recommendation", want.Recommendation, got.Recommendation},
		{"ranking", want.Ranking, got.Ranking},
		{"capacity", want.Capacity, got.Capacity},
		{"warnings", want.Warnings, got.Warnings},
		{"decision", want, got},
	}
	for _, p := range parts {
		if !reflect.DeepEqual(p.want, p.got) {
			w, _ := json.Marshal(p.want)
			g, _ := json.Marshal(p.got)
			return p.name + ":\nexplained " + string(w) + "\nlean      " + string(g)
		}
	}
	return ""
}

// withoutExplanations copies a decision without what only explains it.
func withoutExplanations(d *Decision) Decision {
	c := *d
	c.Trace, c.FailureModes, c.Sources, c.Answers = nil, nil, nil, nil
	c.Recommendation.Summary = ""
	c.Ranking = slices.Clone(d.Ranking)
	for i := range c.Ranking {
		r := &c.Ranking[i]
		r.Reasons, r.ExcludedBecause, r.WhyNot = nil, nil, ""
	}
	c.Warnings = slices.Clone(d.Warnings)
	for i := range c.Warnings {
		c.Warnings[i].Message = ""
	}
	c.Capacity = slices.Clone(d.Capacity)
	for i := range c.Capacity {
		r := &c.Capacity[i]
		r.Remedies, r.advice = nil, nil
	}
	return c
}
