package config

import (
	"path/filepath"
	"testing"

	"github.com/sfpattern/sfpattern/internal/gosource"
	"github.com/sfpattern/sfpattern/rules/record"
)

// TestDefaultsDefinedOnce: the default decisions folder and a new record's default status are
// each spelled once in the program's code, as DefaultDecisionsDir and record.Statuses[0]; every
// other default (DefaultRecord, the wizard's, the commands') is built from them. Tests and help
// texts may name them.
func TestDefaultsDefinedOnce(t *testing.T) {
	want := map[string]string{
		DefaultDecisionsDir: "internal/config/decisions.go",
		record.Statuses[0]:  "rules/record/madr.go",
	}
	found := map[string][]string{}
	root := filepath.Join("..", "..")
	for _, file := range gosource.Files(t, root) {
		for _, lit := range gosource.Literals(t, root, file) {
			if _, ok := want[lit.Value]; ok {
				found[lit.Value] = append(found[lit.Value], file)
			}
		}
	}
	for lit, file := range want {
		if got := found[lit]; len(got) != 1 || got[0] != file {
			t.Errorf("%q is spelled in %v; want it only in %s, and its name used elsewhere", lit, got, file)
		}
	}
}
