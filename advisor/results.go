package advisor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sfpattern/sfpattern/internal/atomicfile"
	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/contract"
	"github.com/sfpattern/sfpattern/rules/record"
	"github.com/sfpattern/sfpattern/rules/whatif"
)

// The result tabs, in order; their number keys are their position plus one.
const (
	tabRecommendation = iota
	tabAlternatives
	tabCapacity
	tabFailureModes
	tabContract
	tabRecord
	tabWhatIf
	tabCount
)

var tabNames = [tabCount]string{"Recommendation", "Alternatives", "Capacity", "Failure modes", "Contract", "Decision record", "What-if"}

// shortTabNames fit all the tabs in 80 columns.
var shortTabNames = [tabCount]string{"Advice", "Options", "Capacity", "Failures", "Contract", "Record", "What-if"}

// contentWidth is the width available to a tab's text.
func (m *model) contentWidth() int { return max(20, min(m.width, 120)-4) }

// tableWidth is the width of the alternatives table: the whole terminal, since a table on a wide
// screen is easier to read with fewer wrapped lines, where prose is not.
func (m *model) tableWidth() int { return max(m.contentWidth(), m.width-4) }

// layout sizes the viewport and re-renders the tabs for the current width and decision; the
// glamour rendering of the record runs in a command. The what-if search does not depend on the
// width, so it runs once per decision (searchWhatIf) and layout only wraps its result again.
func (m *model) layout() tea.Cmd {
	if m.state != stateResults || m.decision == nil {
		return nil
	}
	w := m.contentWidth()
	m.tabs[tabRecommendation] = recommendationTab(m.decision, m.styles, w)
	m.tabs[tabAlternatives] = alternativesTab(m.decision, m.styles, m.tableWidth())
	m.tabs[tabCapacity] = capacityTab(m.decision, m.styles, w)
	m.tabs[tabFailureModes] = failureModesTab(m.decision, m.styles, w)
	m.tabs[tabContract] = m.contractText()
	m.whatIf = m.whatIfFound.text(m.cat, w)
	m.viewport.SetWidth(m.tableWidth())
	m.fitViewport()
	m.refreshViewport()
	markdown := m.recordMarkdown()
	d, dark := m.decision, m.styles.isDark
	return func() tea.Msg { return renderRecord(markdown, w, dark, d) }
}

// whatIfSearch finds where the advice changes for checked answers (whatif.Search); the
// model holds one so that a test can count the searches.
type whatIfSearch func(ctx context.Context, answers rules.Answers, org *rules.Org) (*whatif.Result, error)

// whatIfFoundMsg carries the what-if search for one decision: a few hundred evaluations, so it
// runs in a command, once per decision.
type whatIfFoundMsg struct {
	decision *rules.Decision
	result   *whatif.Result
	err      error
}

// searchWhatIf starts the what-if search for the current decision.
func (m *model) searchWhatIf() tea.Cmd {
	search, d, answers, org := m.search, m.decision, m.answers, m.o.Org
	return func() tea.Msg {
		wi, err := search(context.Background(), answers, org)
		return whatIfFoundMsg{decision: d, result: wi, err: err}
	}
}

// foundWhatIf keeps the search's result when it is for the decision shown, and wraps it for the
// current width.
func (m *model) foundWhatIf(msg whatIfFoundMsg) {
	if msg.decision != m.decision {
		return // the search of an earlier decision
	}
	m.whatIfFound = &msg
	m.whatIf = m.whatIfFound.text(m.cat, m.contentWidth())
	m.refreshViewport()
}

// text renders the search's result wrapped to width; "" while the search runs.
func (f *whatIfFoundMsg) text(cat *rules.Catalog, width int) string {
	switch {
	case f == nil:
		return ""
	case f.err != nil:
		return "What-if could not run: " + f.err.Error()
	}
	var buf bytes.Buffer
	if err := whatif.WriteText(&buf, cat, f.result, width); err != nil {
		return err.Error()
	}
	return buf.String()
}

// statusLines is the line under the tab, wrapped to the width (after a slash where it can) so
// that a path shows whole: what the last action did, else how far the tab is scrolled.
func (m *model) statusLines() string {
	status := safetext.Escape(m.status) // it may quote a path or an error
	if status == "" {
		status = fmt.Sprintf("%d%%", int(m.viewport.ScrollPercent()*100))
	}
	return ansi.Wrap(status, max(1, m.width), "/")
}

// viewportHeight is the lines left for the tab by the chrome around it.
func (m *model) viewportHeight() int { return max(3, m.height-m.chromeHeight()) }

// fitViewport sizes the viewport for the chrome as it is now; keys that page use its height.
func (m *model) fitViewport() { m.viewport.SetHeight(m.viewportHeight()) }

// chromeHeight is the lines the results screen uses around the viewport.
func (m *model) chromeHeight() int {
	h := 6 + strings.Count(m.statusLines(), "\n") // title, tabs, rule, status, help bar, spacing
	if m.showHelp {
		h += strings.Count(m.fullHelp(), "\n") + 1
	}
	return h
}

func (m *model) selectTab(t int) {
	m.tab = t
	m.viewport.GotoTop()
	m.refreshViewport()
}

func (m *model) refreshViewport() {
	m.viewport.SetContent(m.tabText(m.tab))
}

func (m *model) tabText(t int) string {
	switch {
	case t == tabRecord && m.record == "":
		return "Rendering the decision record…"
	case t == tabRecord:
		return m.record
	case t == tabWhatIf && m.whatIf == "":
		return "Searching where the advice changes…"
	case t == tabWhatIf:
		return m.whatIf
	}
	return m.tabs[t]
}

// plain is a tab's text as a person pastes it: no styling, and none of the spaces that pad its
// lines to the width.
func plain(s string) string {
	lines := strings.Split(ansi.Strip(s), "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, " ")
	}
	return strings.Join(lines, "\n")
}

// clipboard is what `c` sends from a tab, and how the status line names it. The record and the
// contract go as their source, Markdown and YAML as `e` writes them, so that a paste into a pull
// request or an editor is the file, not the screen; every other tab goes as its plain text.
func (m *model) clipboard(t int) (text, what string) {
	switch {
	case t == tabRecord:
		return m.recordMarkdown(), "the decision record's Markdown"
	case t == tabContract && m.decision.Feasible():
		return m.tabs[tabContract], "the contract's YAML"
	}
	return plain(m.tabText(t)), "the " + tabNames[t] + " tab's text"
}

// copyTab sends the tab to the terminal's clipboard. OSC 52 has no reply, so the status says
// what was sent and what it takes to arrive, never that it arrived.
func (m *model) copyTab() tea.Cmd {
	if m.tab == tabWhatIf && m.whatIf == "" {
		m.status = "The what-if search is still running; press c again when it shows."
		return nil
	}
	text, what := m.clipboard(m.tab)
	m.status = fmt.Sprintf("Sent %s (%s bytes) to the clipboard through OSC 52; your terminal must allow it.",
		what, rules.FormatNumber(float64(len(text))))
	return tea.SetClipboard(text)
}

// meta is the record's metadata before the export form changes it: the project's configured
// status and people, or without a configuration config.DefaultRecord's.
func (m *model) meta() record.Meta { return m.o.RecordMeta(m.o.Now()) }

func (m *model) recordMarkdown() string {
	var buf bytes.Buffer
	if err := record.Write(&buf, m.cat, m.decision, m.meta()); err != nil {
		return "The record could not be written: " + err.Error()
	}
	return buf.String()
}

func (m *model) contractText() string {
	if !m.decision.Feasible() {
		return "No contract: no mechanism meets these requirements. " + m.decision.Recommendation.Summary
	}
	var buf bytes.Buffer
	if err := contract.WriteContract(&buf, contract.BuildContract(m.cat, m.decision)); err != nil {
		return err.Error()
	}
	return buf.String()
}

// recordRenderedMsg carries the glamour-rendered record for one width and decision.
type recordRenderedMsg struct {
	text     string
	width    int
	decision *rules.Decision
}

// renderRecord renders Markdown with glamour; it runs in a command, never in View.
func renderRecord(markdown string, width int, dark bool, d *rules.Decision) tea.Msg {
	out, err := RenderRecord(markdown, width, dark)
	if err != nil {
		out = withoutFrontMatter(markdown)
	}
	return recordRenderedMsg{text: out, width: width, decision: d}
}

// RenderRecord renders a decision record's Markdown for reading on a terminal of the given width,
// with glamour's dark or light style, or its plain one under NO_COLOR. The front matter is left
// out: rendered, it would read as a stray rule and heading, and the file keeps it. The record tab
// and `recommend --format markdown` on a terminal show the same text.
func RenderRecord(markdown string, width int, dark bool) (string, error) {
	style := "light"
	if dark {
		style = "dark"
	}
	if os.Getenv("NO_COLOR") != "" {
		style = "notty"
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width))
	if err != nil {
		return "", fmt.Errorf("advisor: rendering the record: %w", err)
	}
	out, err := r.Render(withoutFrontMatter(markdown))
	if err != nil {
		return "", fmt.Errorf("advisor: rendering the record: %w", err)
	}
	return out, nil
}

// DarkTerminal says whether the terminal on in and out has a dark background, by asking it as
// the wizard does, and from COLORFGBG (else dark) when it cannot be asked or does not answer.
func DarkTerminal(in, out *os.File) bool {
	if in == nil || out == nil {
		return startsDark()
	}
	bg, err := lipgloss.BackgroundColor(in, out)
	if err != nil || bg == nil {
		return startsDark()
	}
	return tea.BackgroundColorMsg{Color: bg}.IsDark() // the judgement the wizard applies to the same answer
}

// withoutFrontMatter drops a leading YAML front matter block, which Markdown renderers would show
// as a stray rule and heading; the record tab is for reading, the file keeps the metadata.
func withoutFrontMatter(md string) string {
	rest, ok := strings.CutPrefix(md, "---\n")
	if !ok {
		return md
	}
	if _, body, found := strings.Cut(rest, "\n---\n"); found {
		return body
	}
	return md
}

// exportedMsg reports what `e` wrote; key is the record's text, under which the session
// remembers the export.
type exportedMsg struct {
	key      string
	paths    []string
	contract bool // a contract was part of the export (not when nothing meets the requirements)
	err      error
}

func (e exportedMsg) message() string {
	switch {
	case e.err != nil:
		return "Export failed, nothing written: " + e.err.Error()
	case !e.contract:
		return "Wrote " + e.paths[0] + " (no contract: no mechanism meets these requirements)"
	}
	return "Wrote " + strings.Join(e.paths, " and ")
}

// export starts writing the decision, unless this session has exported the very same decision
// already (or is exporting it now): a second copy under the next number would be a second
// record of one decision. The record's text is the key, so returning to the review and back
// without changing an answer is still the same decision, and changing one is a new decision.
func (m *model) export() tea.Cmd {
	key := m.recordMarkdown()
	if path, done := m.exportedAs[key]; done {
		if path == "" {
			m.status = "This decision is being exported already."
		} else {
			m.status = "This decision is exported already, as " + path + "; change an answer to export another."
		}
		return nil
	}
	var cmd tea.Cmd
	m.exportForm, cmd = newExportForm(m.meta(), fieldSetup{styles: m.styles, width: min(m.contentWidth(), 80), bg: m.bg})
	m.status = ""
	return cmd
}

// exportWith writes the decision with the metadata the export form gave. The session remembers
// the decision under its record as configured, not as the form left it, so a second export
// with another status is still the same decision, refused.
func (m *model) exportWith(meta record.Meta) tea.Cmd {
	key := m.recordMarkdown()
	var rec bytes.Buffer
	if err := record.Write(&rec, m.cat, m.decision, meta); err != nil {
		m.status = "Export failed, nothing written: " + err.Error()
		return nil
	}
	title := record.Title(m.decision) // read now: the command runs while the model moves on
	recordName := func(n int) string { return record.FileName(n, title) }
	parts := []atomicfile.Part{{Name: recordName, Data: rec.Bytes()}}
	if m.decision.Feasible() { // when nothing fits there is nothing to contract for: the record says why
		var contractYAML bytes.Buffer
		if err := contract.WriteContract(&contractYAML, contract.BuildContract(m.cat, m.decision)); err != nil {
			m.status = "Export failed, nothing written: " + err.Error()
			return nil
		}
		contractName := func(n int) string { return strings.TrimSuffix(recordName(n), ".md") + ".contract.yaml" }
		parts = append(parts, atomicfile.Part{Name: contractName, Data: contractYAML.Bytes()})
	}
	m.exportedAs[key] = ""
	m.status = "Exporting…"
	return exportCmd(m.o.ExportDir, key, parts)
}

// exportCmd writes the record and its contract under one new number in the export folder
// (created if missing), both or neither, never overwriting a file.
func exportCmd(dir, key string, parts []atomicfile.Part) tea.Cmd {
	return func() tea.Msg {
		paths, err := atomicfile.CreateNumbered(context.Background(), dir, record.Numbering(), parts, atomicfile.Options{MakeDirs: true})
		return exportedMsg{key: key, paths: paths, contract: len(parts) > 1, err: err}
	}
}

// openRecord opens the record exported for the decision on screen in the user's editor, and the
// results come back when it exits. The program hands the terminal over while it runs.
func (m *model) openRecord() tea.Cmd {
	path, done := m.exportedAs[m.recordMarkdown()]
	switch {
	case done && path == "":
		m.status = "The export is still running; press o again when it has written the record."
		return nil
	case !done:
		m.status = "The record is not exported yet: press e to export first, then o opens it."
		return nil
	}
	editor, err := editorCommand(os.Getenv)
	if editor == nil {
		problem := "Neither VISUAL nor EDITOR is set"
		if err != nil {
			problem = err.Error()
		}
		m.status = problem + "; to open " + path + " with o, set one (for example export EDITOR=vi, or EDITOR=\"code -w\") and start sfpattern again."
		return nil
	}
	// The user's own $VISUAL or $EDITOR, on the record the session wrote: running it is the
	// point, and it runs until the user closes it (the program hands it the terminal meanwhile).
	c := exec.CommandContext(context.Background(), editor[0], append(editor[1:], path)...) //nolint:gosec // see above
	return tea.ExecProcess(c, func(err error) tea.Msg { return editorClosedMsg{path: path, editor: editor[0], err: err} })
}

// editorClosedMsg reports the editor that o started, once it has exited.
type editorClosedMsg struct {
	path, editor string
	err          error
}

func (e editorClosedMsg) message() string {
	if e.err != nil {
		return e.editor + " did not open " + e.path + ": " + e.err.Error()
	}
	return "Back from " + e.editor + "; the record is " + e.path + " (these results show the decision as evaluated, not your edits)."
}

// editorCommand is the user's editor, from VISUAL or else EDITOR as git and most tools read
// them, split into words as a shell would split a simple command line; nil when neither is set.
func editorCommand(getenv func(string) string) ([]string, error) {
	for _, name := range []string{"VISUAL", "EDITOR"} {
		v := getenv(name)
		if strings.TrimSpace(v) == "" {
			continue
		}
		words, err := shellWords(v)
		if err != nil {
			return nil, fmt.Errorf("%s cannot be read (%w)", name, err)
		}
		return words, nil
	}
	return nil, nil
}

// shellWords splits a command line into words at unquoted blanks, honouring single quotes,
// double quotes and backslashes as a POSIX shell does. Nothing is expanded: a simple editor
// command (`code -w`, `"/opt/My Editor/bin/edit" --wait`) needs no more.
func shellWords(s string) ([]string, error) {
	var words []string
	var word strings.Builder
	inWord := false
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			if quote == '"' && !strings.ContainsRune("$`\"\\\n", r) {
				word.WriteRune('\\') // inside double quotes a backslash escapes only these
			}
			word.WriteRune(r)
			escaped = false
		case r == '\\' && quote != '\'':
			escaped, inWord = true, true
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			word.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	switch {
	case escaped:
		return nil, errors.New("it ends in a backslash")
	case quote != 0:
		return nil, fmt.Errorf("a %c quote is not closed", quote)
	}
	if inWord {
		words = append(words, word.String())
	}
	return words, nil
}
