package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// FuzzParse: any bytes give settings that are safe to write into a record, or problems that
// name the file; never a panic. Seeded with the bad cases and a file using every key.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(badDir, "*.yaml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds in %s: %v", badDir, err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("decisions_dir: docs/adr\nstatus: accepted\ndecision_makers: [Ana, Raj]\nconsulted:\n  - CoE\ninformed: []\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parse("c.yaml", data)
		if err != nil {
			ps := rules.AsProblems(err)
			if ps == nil {
				t.Fatalf("an error that is not problems: %v", err)
			}
			for _, p := range ps {
				if p.File != "c.yaml" || p.Msg == "" {
					t.Fatalf("a problem without its file or message: %#v", p)
				}
			}
			return
		}
		requireSafe(t, s)
	})
}

// requireSafe fails when accepted settings hold text a record or a terminal must not get.
func requireSafe(t *testing.T, s Settings) {
	t.Helper()
	if s.Status != nil {
		if got, err := record.ParseStatus(*s.Status); err != nil || got != *s.Status {
			t.Fatalf("status %q accepted but not a record status (%v)", *s.Status, err)
		}
	}
	texts := []*string{s.DecisionsDir, s.Status}
	for _, names := range []*[]string{s.DecisionMakers, s.Consulted, s.Informed} {
		if names != nil {
			for i := range *names {
				texts = append(texts, &(*names)[i])
			}
		}
	}
	for _, v := range texts {
		if v != nil && (safetext.Check(*v) != "" || *v == "") {
			t.Fatalf("accepted %q", *v)
		}
	}
}
