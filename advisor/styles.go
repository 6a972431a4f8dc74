package advisor

import (
	"image/color"
	"os"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
)

// styles are built once per background (light or dark) and handed to the views.
type styles struct {
	isDark                       bool
	title, subtle, accent, faint lipgloss.Style
	question, help, selected     lipgloss.Style
	option, optionHelp, errText  lipgloss.Style
	panel, panelTitle            lipgloss.Style
	tab, activeTab               lipgloss.Style
	verdict                      map[string]lipgloss.Style
	bar                          map[string]color.Color
	keyHint, keyDesc             lipgloss.Style
}

func newStyles(isDark bool) styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#A48BFF"))
	subtle := ld(lipgloss.Color("#666666"), lipgloss.Color("#9A9A9A"))
	// The verdict colours are entries of the 256-colour palette, so that a 256-colour terminal
	// shows them as chosen, and each falls to a different colour of the 16 (green, yellow, red):
	// nearby ambers and reds collapse into one colour there.
	ok := ld(lipgloss.Color("#00875F"), lipgloss.Color("#5FD787"))
	warn := ld(lipgloss.Color("#878700"), lipgloss.Color("#D7D75F"))
	bad := ld(lipgloss.Color("#AF0000"), lipgloss.Color("#FF5F5F"))
	return styles{
		isDark:     isDark,
		title:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		subtle:     lipgloss.NewStyle().Foreground(subtle),
		accent:     lipgloss.NewStyle().Foreground(accent),
		faint:      lipgloss.NewStyle().Faint(true),
		question:   lipgloss.NewStyle().Bold(true),
		help:       lipgloss.NewStyle().Foreground(subtle),
		selected:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		option:     lipgloss.NewStyle(),
		optionHelp: lipgloss.NewStyle().Foreground(subtle),
		errText:    lipgloss.NewStyle().Foreground(bad),
		panel:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(subtle).Padding(0, 1),
		panelTitle: lipgloss.NewStyle().Bold(true),
		tab:        lipgloss.NewStyle().Foreground(subtle).Padding(0, 1),
		activeTab:  lipgloss.NewStyle().Bold(true).Foreground(accent).Underline(true).Padding(0, 1),
		verdict: map[string]lipgloss.Style{
			"ok": lipgloss.NewStyle().Foreground(ok), "warn": lipgloss.NewStyle().Foreground(warn).Bold(true),
			"exceeds": lipgloss.NewStyle().Foreground(bad).Bold(true),
		},
		bar:     map[string]color.Color{"ok": ok, "warn": warn, "exceeds": bad},
		keyHint: lipgloss.NewStyle().Foreground(accent),
		keyDesc: lipgloss.NewStyle().Foreground(subtle),
	}
}

// startsDark says which styles the first frame uses, before the terminal answers the background
// query, or when it never does (some terminals and multiplexers do not): what COLORFGBG says, and
// dark when it says nothing.
func startsDark() bool { return darkFromCOLORFGBG(os.Getenv("COLORFGBG")) }

// darkFromCOLORFGBG reads COLORFGBG as rxvt, Konsole and others set it, "fg;bg" or
// "fg;default;bg" with colours of the 16-colour palette: a background of 0 to 6 or 8 is dark, 7
// and 9 to 15 are light. Anything else (unset, "default", a 256-colour index) is taken as dark.
func darkFromCOLORFGBG(v string) bool {
	fields := strings.Split(v, ";")
	bg, err := strconv.Atoi(fields[len(fields)-1])
	if err != nil || len(fields) < 2 || bg < 0 || bg > 15 {
		return true
	}
	return bg <= 6 || bg == 8
}
