package advisor

import (
	"context"
	"errors"
	"fmt"
	"io"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/reference"
)

// BrowseOptions configure the catalogue browser.
type BrowseOptions struct {
	Catalog        *rules.Catalog
	Input          io.Reader
	Output         io.Writer
	ProgramOptions []tea.ProgramOption
}

// Browse runs the catalogue browser: every mechanism, pattern and failure mode in a filterable
// list (`/`), its page rendered with glamour beside it (or full screen on narrow terminals).
func Browse(ctx context.Context, o BrowseOptions) error {
	opts := append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(o.Input), tea.WithOutput(o.Output), tea.WithFPS(120)},
		o.ProgramOptions...)
	_, err := tea.NewProgram(newBrowser(o.Catalog), opts...).Run()
	switch {
	case errors.Is(err, tea.ErrInterrupted) || errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled):
		return ErrAborted
	case err != nil:
		return fmt.Errorf("advisor: %w", err)
	}
	return nil
}

// entryItem adapts a catalogue entry to the list component.
type entryItem struct{ e reference.Entry }

func (i entryItem) Title() string       { return i.e.Title }
func (i entryItem) Description() string { return i.e.Kind + " · " + i.e.Summary }
func (i entryItem) FilterValue() string { return i.e.Title + " " + i.e.ID + " " + i.e.Kind }

// browser is the catalogue screen: a list, and the selected page in a viewport.
type browser struct {
	cat      *rules.Catalog
	styles   styles
	list     list.Model
	page     viewport.Model
	width    int
	height   int
	pages    map[pageKey]string // rendered pages, per id and width
	reading  bool               // narrow terminals: the page has the whole screen
	quitKeys key.Binding
}

type pageKey struct {
	id    string
	width int
	dark  bool
}

type pageRenderedMsg struct {
	key  pageKey
	text string
}

func newBrowser(cat *rules.Catalog) *browser {
	entries := reference.Entries(cat)
	items := make([]list.Item, len(entries))
	for i, e := range entries {
		items[i] = entryItem{e}
	}
	l := list.New(items, list.NewDefaultDelegate(), 40, 20)
	l.Title = "sfpattern catalogue"
	l.SetShowHelp(true)
	return &browser{
		cat: cat, styles: newStyles(startsDark()), list: l, page: viewport.New(), width: 80, height: 24,
		pages: map[pageKey]string{}, quitKeys: key.NewBinding(key.WithKeys("q")),
	}
}

func (b *browser) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (b *browser) wide() bool { return b.width >= panelWidth }

func (b *browser) listWidth() int {
	if b.wide() {
		return 42
	}
	return b.width
}

func (b *browser) pageWidth() int {
	if b.wide() {
		return b.width - b.listWidth() - 2
	}
	return b.width
}

func (b *browser) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		b.width, b.height = msg.Width, msg.Height
		b.list.SetSize(b.listWidth(), max(1, b.height-1))
		b.page.SetWidth(b.pageWidth())
		b.page.SetHeight(max(1, b.height-1))
		return b, b.showSelected()
	case tea.BackgroundColorMsg:
		b.styles = newStyles(msg.IsDark())
		return b, b.showSelected()
	case pageRenderedMsg:
		b.pages[msg.key] = msg.text
		if msg.key == b.currentKey() {
			b.page.SetContent(msg.text)
		}
		return b, nil
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			return b, tea.Interrupt
		}
		if b.list.FilterState() != list.Filtering {
			if cmd, done := b.navigate(msg); done {
				return b, cmd
			}
		}
	}
	var cmd tea.Cmd
	if b.reading {
		b.page, cmd = b.page.Update(msg)
		return b, cmd
	}
	before := b.selectedID()
	b.list, cmd = b.list.Update(msg)
	if b.selectedID() != before {
		return b, tea.Batch(cmd, b.showSelected())
	}
	return b, cmd
}

// navigate handles the browser's own keys: quit, open and close a page on narrow terminals, and
// scrolling the page beside the list on wide ones.
func (b *browser) navigate(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch msg.String() {
	case "q":
		return tea.Quit, true
	case "enter":
		if !b.wide() && !b.reading {
			b.reading = true
			return b.showSelected(), true
		}
	case "esc":
		if b.reading {
			b.reading = false
			return nil, true
		}
	case "pgdown", "pgup", "space":
		if b.wide() {
			var cmd tea.Cmd
			b.page, cmd = b.page.Update(msg)
			return cmd, true
		}
	}
	return nil, false
}

func (b *browser) selectedID() string {
	if it, ok := b.list.SelectedItem().(entryItem); ok {
		return it.e.ID
	}
	return ""
}

func (b *browser) currentKey() pageKey {
	return pageKey{id: b.selectedID(), width: b.pageWidth(), dark: b.styles.isDark}
}

// showSelected shows the selected page, rendering it in a command the first time at this width.
func (b *browser) showSelected() tea.Cmd {
	k := b.currentKey()
	if k.id == "" {
		return nil
	}
	if text, ok := b.pages[k]; ok {
		b.page.SetContent(text)
		b.page.GotoTop()
		return nil
	}
	b.page.SetContent("Rendering…")
	markdown, err := reference.Page(b.cat, k.id)
	if err != nil {
		markdown = err.Error()
	}
	return func() tea.Msg {
		out := renderRecord(markdown, max(20, k.width-2), k.dark, nil).(recordRenderedMsg)
		return pageRenderedMsg{key: k, text: out.text}
	}
}

func (b *browser) View() tea.View {
	var content string
	switch {
	case b.width < minWidth || b.height < minHeight/2:
		content = lipgloss.NewStyle().MaxWidth(max(1, b.width)).Render("Terminal too small for the catalogue.")
	case b.reading:
		content = b.page.View() + "\n" + b.styles.subtle.Render("esc back · ↑/↓ scroll · q quit")
	case b.wide():
		content = lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(b.listWidth()).Render(b.list.View()), "  ", b.page.View())
	default:
		content = b.list.View()
	}
	v := tea.NewView(content)
	v.AltScreen = true
	return v
}
