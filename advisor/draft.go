package advisor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"

	tea "charm.land/bubbletea/v2"
	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/atomicfile"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// maxDrafts bounds the numbered names tried for one draft (name.draft.yaml, name.draft-2.yaml…).
const maxDrafts = 99

// draftSavedMsg reports a draft written (or not); quit asks the session to end after it.
type draftSavedMsg struct {
	path string
	err  error
	quit bool
}

// saveDraft writes the confirmed answers so far as an answers file that `sfpattern --answers`
// resumes, asking only what is left. It never replaces a file: a name taken gets the next
// number. The write runs in a command.
func (m *model) saveDraft(quit bool) tea.Cmd {
	data, err := m.draftYAML()
	if err != nil {
		m.status = "Draft not saved: " + err.Error()
		return nil
	}
	name, _ := m.answers.Get(m.cat.Role(rules.RoleTitle).ID)
	base := filepath.Join(m.o.DraftDir, draftBase(fmt.Sprint(name)))
	m.status = "Saving a draft…"
	return func() tea.Msg {
		path, err := writeDraft(base, data)
		return draftSavedMsg{path: path, err: err, quit: quit}
	}
}

// draftBase is a draft's file name without its extension: the integration's name as a slug.
func draftBase(name string) string {
	slug := record.Slug(name)
	if slug == "" || name == "<nil>" {
		slug = "sfpattern"
	}
	return slug + ".draft"
}

// writeDraft writes data to base.yaml, or the first of base-2.yaml, base-3.yaml… that is free.
func writeDraft(base string, data []byte) (string, error) {
	for n := 1; n <= maxDrafts; n++ {
		path := base + ".yaml"
		if n > 1 {
			path = base + "-" + strconv.Itoa(n) + ".yaml"
		}
		err := atomicfile.Write(context.Background(), path, data, atomicfile.Options{MakeDirs: true})
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return path, err
	}
	return "", fmt.Errorf("%s.yaml and %d numbered drafts exist already", base, maxDrafts-1)
}

// draftYAML writes the answers in question order, after the modeline that has editors check
// and complete the file against the answers schema, and a comment that says how to resume.
func (m *model) draftYAML() ([]byte, error) {
	doc := &yaml.Node{Kind: yaml.MappingNode}
	for _, a := range m.cat.Values(m.answers) {
		var v yaml.Node
		if err := v.Encode(a.Value); err != nil {
			return nil, fmt.Errorf("%s: %w", a.ID, err)
		}
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: a.ID}, &v)
	}
	var b bytes.Buffer
	b.WriteString(rules.AnswersSchemaComment + "\n")
	fmt.Fprintf(&b, "# A draft of the sfpattern wizard's answers, saved %s.\n", m.o.Now().Format("2006-01-02"))
	b.WriteString("# Resume with: sfpattern --answers THIS-FILE (only the questions left are asked).\n")
	if m.o.Org != nil {
		b.WriteString("# The org's limits and add-ons are not in the draft: give --org-limits and --addon again.\n")
	}
	if len(doc.Content) == 0 {
		b.WriteString("{}\n")
		return b.Bytes(), nil
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encoding the answers: %w", err)
	}
	return b.Bytes(), enc.Close()
}

// draftSaved reports the draft on the status line, and ends the session when it was asked to.
func (m *model) draftSaved(msg draftSavedMsg) tea.Cmd {
	if msg.err != nil {
		m.status, m.quitting = "Draft not saved: "+msg.err.Error(), false
		return nil
	}
	m.draft = msg.path
	m.status = fmt.Sprintf("Saved %d answers to %s; resume with: sfpattern --answers %s", m.answeredCount(), msg.path, msg.path)
	if msg.quit {
		return tea.Quit
	}
	return nil
}
