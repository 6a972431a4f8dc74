package record_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfpattern/sfpattern/internal/atomicfile"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules/record"
)

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"Use Platform Events for Order status to fulfilment systems": "use-platform-events-for-order-status-to-fulfilment-systems",
		"Use Bulk API 2.0 for Nightly ERP invoices → Salesforce":     "use-bulk-api-2-0-for-nightly-erp-invoices-salesforce",
		"Use REST API for Créer une commande (Zürich, Ærø, Straße)":  "use-rest-api-for-creer-une-commande-zurich-aero-strasse",
		"  --Already--dashed--  ":                                    "already-dashed",
		"注文":                                                         "decision",
		"":                                                           "decision",
		"Use Apex callouts for an integration whose name goes on and on well past any sensible length": "use-apex-callouts-for-an-integration-whose-name-goes-on-and",
		strings.Repeat("x", 80): strings.Repeat("x", 60),
	}
	for title, want := range cases {
		if got := record.Slug(title); got != want {
			t.Errorf("Slug(%q) = %q, want %q", title, got, want)
		}
		if got := record.Slug(title); len(got) > 60 {
			t.Errorf("Slug(%q) is %d characters", title, len(got))
		}
	}
}

// TestNumbering: records are numbered one above the highest NNNN- name in the folder, whatever
// follows the number (contracts hold theirs too); other names and hidden files do not count,
// and 9999 is the last number.
func TestNumbering(t *testing.T) {
	dir := t.TempDir()
	write := func(folder string) (string, error) {
		paths, err := atomicfile.CreateNumbered(context.Background(), folder, record.Numbering(),
			[]atomicfile.Part{{Name: func(n int) string { return record.FileName(n, "Use REST API for X") }}}, atomicfile.Options{MakeDirs: true})
		if err != nil {
			return "", err
		}
		return paths[0], nil
	}
	if got, err := write(filepath.Join(dir, "missing")); err != nil || got != filepath.Join(dir, "missing", "0001-use-rest-api-for-x.md") {
		t.Errorf("missing folder: %q, %v", got, err)
	}
	for _, name := range []string{"0001-a.md", "0007-b.contract.yaml", "README.md", "12-c.md", "abcd-e.md", ".0042-hidden.md", ".sfpattern-tmp-0050"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := write(dir); err != nil || filepath.Base(got) != "0008-use-rest-api-for-x.md" {
		t.Errorf("next after 0007: %q, %v", got, err)
	}
	if _, err := write(filepath.Join(dir, "0001-a.md")); err == nil {
		t.Error("a file as the folder was accepted")
	}
	if err := os.WriteFile(filepath.Join(dir, "9999-last.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := write(dir); err == nil || !strings.Contains(err.Error(), "9999") {
		t.Errorf("no number left: %v", err)
	}
	if got := record.FileName(12, "注文"); got != "0012-decision.md" {
		t.Errorf("FileName: %s", got)
	}
}

func TestParseStatus(t *testing.T) {
	for in, want := range map[string]string{
		"": "proposed", "proposed": "proposed", "Accepted": "accepted", " deprecated ": "deprecated",
		"superseded": "superseded", "superseded by ADR-0012": "superseded by ADR-0012",
	} {
		if got, err := record.ParseStatus(in); err != nil || got != want {
			t.Errorf("ParseStatus(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"approved", "draft", "superseded by", "accepted!"} {
		if _, err := record.ParseStatus(bad); err == nil || !strings.Contains(err.Error(), "proposed, rejected, accepted, deprecated, superseded") {
			t.Errorf("ParseStatus(%q): %v", bad, err)
		}
	}
}

// TestWriteRefuses: a bad status or a missing date is an error, and nothing is written.
func TestWriteRefuses(t *testing.T) {
	cat := shipped.Catalog(t)
	d := decide(t, cat, orderEvents, readFile(t, orderEvents))
	for name, m := range map[string]record.Meta{
		"status": {Status: "approved", Date: recordDate},
		"date":   {Status: "accepted"},
	} {
		var b strings.Builder
		if err := record.Write(&b, cat, d, m); err == nil || b.Len() > 0 {
			t.Errorf("%s: err %v, wrote %d bytes", name, err, b.Len())
		}
	}
	var b strings.Builder
	if err := record.Write(&b, cat, d, record.Meta{Date: time.Date(2027, 1, 2, 23, 0, 0, 0, time.UTC)}); err != nil ||
		!strings.Contains(b.String(), "\nstatus: proposed\ndate: 2027-01-02\n") {
		t.Errorf("defaults: %v\n%.200s", err, b.String())
	}
}
