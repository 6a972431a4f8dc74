package main

import (
	"strings"
	"testing"
)

// TestCatalogCommand prints pages as Markdown, lists ids, and refuses an unknown id.
func TestCatalogCommand(t *testing.T) {
	code, out, _ := runCmd(t, "", "catalog", "bulk_api")
	if code != 0 || !strings.HasPrefix(out, "# Bulk API 2.0") || !strings.Contains(out, "## Governing limits") {
		t.Errorf("catalog bulk_api: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", "catalog", "--list")
	if code != 0 || !strings.Contains(out, "cdc_gap_overflow") || !strings.Contains(out, "request_reply") {
		t.Errorf("catalog --list: exit %d\n%s", code, out)
	}
	code, out, errOut := runCmd(t, "", "catalog", "bulk")
	if code != 2 || out != "" || !strings.Contains(errOut, `no catalogue page "bulk"`) {
		t.Errorf("catalog bulk: exit %d, %q, %q", code, out, errOut)
	}
}
