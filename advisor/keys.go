package advisor

import "charm.land/bubbles/v2/key"

// keymap holds every binding, so the help bar and the handlers cannot disagree.
type keymap struct {
	next, back, up, down, quit, abort      key.Binding
	leave, draft                           key.Binding
	nextTab, prevTab, export, copyTab, ret key.Binding
	help, edit                             key.Binding
	// The results' own keys: the viewport's ends, and the exported record in an editor.
	top, bottom, open key.Binding
	// The quit prompt's answers: save a draft and quit, quit without saving, keep answering.
	saveQuit, quitNow, stay key.Binding
}

func newKeymap() keymap {
	return keymap{
		next:    key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "next")),
		back:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
		leave:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "quit")),
		draft:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save draft")),
		up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		quit:    key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		abort:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "abort")),
		nextTab: key.NewBinding(key.WithKeys("tab", "right", "l"), key.WithHelp("tab", "next tab")),
		prevTab: key.NewBinding(key.WithKeys("shift+tab", "left", "h"), key.WithHelp("shift+tab", "previous tab")),
		export:  key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export")),
		copyTab: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy tab")),
		ret:     key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "back to review")),
		help:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		edit:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "change")),
		top:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "top")),
		bottom:  key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "bottom")),
		open:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open record")),

		saveQuit: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save a draft and quit")),
		quitNow:  key.NewBinding(key.WithKeys("q", "y"), key.WithHelp("q", "quit without saving")),
		stay:     key.NewBinding(key.WithKeys("esc", "n"), key.WithHelp("esc", "keep answering")),
	}
}
