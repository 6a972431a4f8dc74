package main

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/reference"
)

// complete asks cobra's __complete command, as the shells do, and returns the candidates
// without their descriptions and the directive.
func complete(t *testing.T, args ...string) ([]string, cobra.ShellCompDirective) {
	t.Helper()
	code, out, errOut := runCmd(t, "", append([]string{cobra.ShellCompRequestCmd}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %q: exit %d: %s", args, code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	last := lines[len(lines)-1]
	directive, err := strconv.Atoi(strings.TrimPrefix(last, ":"))
	if !strings.HasPrefix(last, ":") || err != nil {
		t.Fatalf("__complete %q: no directive in %q", args, out)
	}
	var got []string
	for _, l := range lines[:len(lines)-1] {
		value, _, _ := strings.Cut(l, "\t")
		got = append(got, value)
	}
	return got, cobra.ShellCompDirective(directive)
}

func wantCompletions(t *testing.T, args []string, want []string, directive cobra.ShellCompDirective) {
	t.Helper()
	got, d := complete(t, args...)
	if !slices.Equal(got, want) || d != directive {
		t.Errorf("__complete %q: %q, directive %d; want %q, directive %d", args, got, d, want, directive)
	}
}

// TestCompleteSet: --set completes every field with its "=" and no space, then the typed
// field's values, each written whole so that it starts with what was typed.
func TestCompleteSet(t *testing.T) {
	cat := shipped.Catalog(t)
	const fields = cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
	var all []string
	for _, q := range cat.Questions {
		all = append(all, q.ID+"=")
	}
	for _, cmd := range []string{"recommend", "record", "contract", "whatif"} {
		wantCompletions(t, []string{cmd, "--set", ""}, all, fields)
	}

	initiator := cat.Role(rules.RoleInitiator)
	var options []string
	for _, id := range initiator.OptionIDs() {
		options = append(options, initiator.ID+"="+id)
	}
	wantCompletions(t, []string{"recommend", "--set", initiator.ID[:3]}, []string{initiator.ID + "="}, fields)
	wantCompletions(t, []string{"recommend", "--set", initiator.ID + "="}, options, cobra.ShellCompDirectiveNoFileComp)
	second := initiator.OptionIDs()[1]
	wantCompletions(t, []string{"recommend", "--set", initiator.ID + "=" + second}, []string{initiator.ID + "=" + second}, cobra.ShellCompDirectiveNoFileComp)

	middleware := cat.Role(rules.RoleMiddleware).ID
	wantCompletions(t, []string{"recommend", "--set", middleware + "="}, []string{middleware + "=true", middleware + "=false"}, cobra.ShellCompDirectiveNoFileComp)
	wantCompletions(t, []string{"recommend", "--set", cat.Role(rules.RoleTitle).ID + "="}, nil, cobra.ShellCompDirectiveNoFileComp)
	wantCompletions(t, []string{"recommend", "--set", "no_such_field="}, nil, cobra.ShellCompDirectiveNoFileComp)
	run := cat.Role(rules.RoleRunVolume)
	if n, ok := run.Default.(int); ok && run.DefaultExpr == "" {
		wantCompletions(t, []string{"recommend", "--set", run.ID + "="}, []string{run.ID + "=" + strconv.Itoa(n)}, cobra.ShellCompDirectiveNoFileComp)
	}
}

// TestCompleteFormat: --format offers what each command accepts, in its help's order.
func TestCompleteFormat(t *testing.T) {
	for cmd, fs := range map[string]formats{
		"recommend": textJSONMarkdown, "portfolio": textJSONMarkdown,
		"check": textOrJSON, "lint": textOrJSON, "whatif": textOrJSON,
	} {
		wantCompletions(t, []string{cmd, "--format", ""}, fs, cobra.ShellCompDirectiveNoFileComp)
		wantCompletions(t, []string{cmd, "-f", "j"}, []string{formatJSON}, cobra.ShellCompDirectiveNoFileComp)
	}
}

// TestCompleteCatalog: catalog offers every page id it prints, and nothing after one.
func TestCompleteCatalog(t *testing.T) {
	cat := shipped.Catalog(t)
	var ids []string
	for _, e := range reference.Entries(cat) {
		ids = append(ids, e.ID)
	}
	wantCompletions(t, []string{"catalog", ""}, ids, cobra.ShellCompDirectiveNoFileComp)
	first := cat.Mechanisms[0].ID
	got, _ := complete(t, "catalog", first[:len(first)-1])
	if !slices.Contains(got, first) || len(got) >= len(ids) {
		t.Errorf("catalog %s…: %q", first[:len(first)-1], got)
	}
	wantCompletions(t, []string{"catalog", first, ""}, nil, cobra.ShellCompDirectiveNoFileComp)
}

// TestCompleteFiles: the file flags offer files with the extensions they read.
func TestCompleteFiles(t *testing.T) {
	for _, c := range []struct {
		args []string
		exts []string
	}{
		{[]string{"recommend", "--answers", ""}, []string{"yaml", "yml", "json", "md"}},
		{[]string{"-a", ""}, []string{"yaml", "yml", "json", "md"}},
		{[]string{"recommend", "--rules", ""}, []string{"yaml", "yml"}},
		{[]string{"lint", "--rules", ""}, []string{"yaml", "yml"}},
		{[]string{"portfolio", "--org-limits", ""}, []string{"json"}},
		{[]string{"check", "--org-limits", ""}, []string{"json"}},
	} {
		wantCompletions(t, c.args, c.exts, cobra.ShellCompDirectiveFilterFileExt)
	}
}

// TestCompleteAddon: --addon offers the allocations that can be bought, then leaves the amount.
func TestCompleteAddon(t *testing.T) {
	cat := shipped.Catalog(t)
	var ids []string
	for _, id := range cat.AllocationIDs() {
		ids = append(ids, id+"=")
	}
	wantCompletions(t, []string{"recommend", "--addon", ""}, ids, cobra.ShellCompDirectiveNoSpace|cobra.ShellCompDirectiveNoFileComp)
	wantCompletions(t, []string{"recommend", "--addon", ids[0]}, nil, cobra.ShellCompDirectiveNoFileComp)
}
