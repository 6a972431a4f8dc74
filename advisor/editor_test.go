package advisor

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestShellWords splits editor commands as a shell would: blanks, quotes, backslashes.
func TestShellWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
		err  bool
	}{
		{"vi", []string{"vi"}, false},
		{"  code   -w ", []string{"code", "-w"}, false},
		{"emacsclient -t -a ''", []string{"emacsclient", "-t", "-a", ""}, false},
		{`"/opt/My Editor/bin/edit" --wait`, []string{"/opt/My Editor/bin/edit", "--wait"}, false},
		{`'/opt/My Editor/edit' -n`, []string{"/opt/My Editor/edit", "-n"}, false},
		{`/opt/My\ Editor/edit`, []string{"/opt/My Editor/edit"}, false},
		{`sh -c 'echo "$0"'`, []string{"sh", "-c", `echo "$0"`}, false},
		{`"a\"b\c"`, []string{`a"b\c`}, false},
		{`'a\b'`, []string{`a\b`}, false},
		{"a\tb", []string{"a", "b"}, false},
		{`"unclosed`, nil, true},
		{`trailing\`, nil, true},
	} {
		got, err := shellWords(c.in)
		if (err != nil) != c.err || !reflect.DeepEqual(got, c.want) {
			t.Errorf("shellWords(%q) = %q, %v; want %q, error %v", c.in, got, err, c.want, c.err)
		}
	}
}

// TestEditorCommand: VISUAL first, then EDITOR, blank counts as unset, and a variable that cannot
// be split says which one.
func TestEditorCommand(t *testing.T) {
	for _, c := range []struct {
		visual, editor string
		want           []string
		err            string
	}{
		{"code -w", "vi", []string{"code", "-w"}, ""},
		{"", "vi", []string{"vi"}, ""},
		{"  ", "nano", []string{"nano"}, ""},
		{"", "", nil, ""},
		{"", `"vi`, nil, "EDITOR cannot be read"},
	} {
		env := map[string]string{"VISUAL": c.visual, "EDITOR": c.editor}
		got, err := editorCommand(func(k string) string { return env[k] })
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if !reflect.DeepEqual(got, c.want) || !strings.HasPrefix(msg, c.err) || (err == nil) != (c.err == "") {
			t.Errorf("VISUAL=%q EDITOR=%q: %q, %v; want %q, %q", c.visual, c.editor, got, err, c.want, c.err)
		}
	}
}

// TestOpenRecord: o before an export asks for one; with no editor set it names the file and how
// to set one; with an editor it hands the terminal to it, and says when it is back or failed.
func TestOpenRecord(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
	m := resultsModel(t, Options{ExportDir: t.TempDir()}, 80, 24)
	send(m, text("o"))
	if !strings.Contains(m.status, "press e to export first") {
		t.Errorf("o before e: status %q", m.status)
	}
	exportKey(t, m)
	send(m, text("o"))
	if !strings.HasPrefix(m.status, "Neither VISUAL nor EDITOR is set") || !strings.Contains(m.status, m.exported[0]) ||
		!strings.Contains(m.status, "EDITOR=vi") {
		t.Errorf("o without an editor: status %q", m.status)
	}
	t.Setenv("EDITOR", "code -w")
	_, cmd := m.Update(text("o"))
	if cmd == nil || fmt.Sprintf("%T", cmd()) != "tea.execMsg" {
		t.Fatalf("o with EDITOR set does not run it")
	}
	send(m, editorClosedMsg{path: m.exported[0], editor: "code"})
	if want := "Back from code; the record is " + m.exported[0]; !strings.HasPrefix(m.status, want) {
		t.Errorf("after the editor: status %q, want %q…", m.status, want)
	}
	send(m, editorClosedMsg{path: m.exported[0], editor: "code", err: errors.New("exit status 1")})
	if want := "code did not open " + m.exported[0] + ": exit status 1"; m.status != want {
		t.Errorf("after a failed editor: status %q, want %q", m.status, want)
	}
}
