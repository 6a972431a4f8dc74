package advisor

import (
	"image/color"
	"math"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// TestDarkFromCOLORFGBG: the background is COLORFGBG's last field; 0–6 and 8 are dark, 7 and
// 9–15 light, anything unreadable is dark.
func TestDarkFromCOLORFGBG(t *testing.T) {
	for _, c := range []struct {
		v    string
		dark bool
	}{
		{"", true},
		{"15;0", true},
		{"0;15", false},
		{"0;7", false},
		{"15;8", true},
		{"7;6", true},
		{"0;9", false},
		{"15;default;0", true},
		{"0;default;15", false},
		{"12;default;7", false},
		{"0;default", true},
		{"default;default", true},
		{"0;16", true},
		{"0;-1", true},
		{"15", true},
		{"0; 15", true},
		{"rgb:0000/0000/0000", true},
	} {
		if got := darkFromCOLORFGBG(c.v); got != c.dark {
			t.Errorf("COLORFGBG=%q: dark %v, want %v", c.v, got, c.dark)
		}
	}
}

// TestStartsFromCOLORFGBG: before the terminal answers the colour query the wizard and the
// catalogue browser use the styles COLORFGBG asks for, and dark ones without it.
func TestStartsFromCOLORFGBG(t *testing.T) {
	c := shipped.Catalog(t)
	for v, dark := range map[string]bool{"0;15": false, "15;0": true, "": true} {
		t.Setenv("COLORFGBG", v)
		if m := newModel(Options{Catalog: c}); m.styles.isDark != dark {
			t.Errorf("COLORFGBG=%q: the wizard's first frame is dark %v, want %v", v, m.styles.isDark, dark)
		}
		if b := newBrowser(c); b.styles.isDark != dark {
			t.Errorf("COLORFGBG=%q: the browser's first frame is dark %v, want %v", v, b.styles.isDark, dark)
		}
	}
}

// TestVerdictColoursApart: ok, warn and exceeds stay clearly different colours on either
// background in true colour, in 256 colours and in the 16 colours, as the terminal's profile
// converts them.
func TestVerdictColoursApart(t *testing.T) {
	for _, dark := range []bool{true, false} {
		s := newStyles(dark)
		for _, p := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.ANSI} {
			for _, pair := range [][2]string{{"ok", "warn"}, {"warn", "exceeds"}, {"ok", "exceeds"}} {
				a, b := p.Convert(s.bar[pair[0]]), p.Convert(s.bar[pair[1]])
				if d := distance(a, b); d < 100 {
					t.Errorf("dark %v, %s: %s %v and %s %v are only %.0f apart", dark, p, pair[0], a, pair[1], b, d)
				}
			}
		}
	}
}

// distance is the Euclidean distance of two colours in 8-bit RGB.
func distance(a, b color.Color) float64 {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	dr, dg, db := float64(ar>>8)-float64(br>>8), float64(ag>>8)-float64(bg>>8), float64(ab>>8)-float64(bb>>8)
	return math.Sqrt(dr*dr + dg*dg + db*db)
}

// TestBarGlyphs: without colour a warn bar and an exceeds bar still differ: shaded, and full with
// an overflow arrow.
func TestBarGlyphs(t *testing.T) {
	s := newStyles(true)
	for _, c := range []struct {
		share   float64
		verdict string
		want    string
	}{
		{0.5, rules.VerdictOK, "█████░░░░░"},
		{0.9, rules.VerdictWarn, "▓▓▓▓▓▓▓▓▓░"},
		{1.0, rules.VerdictWarn, "▓▓▓▓▓▓▓▓▓▓"},
		{3.6, rules.VerdictExceeds, "█████████▶"},
		{1.01, rules.VerdictExceeds, "█████████▶"},
	} {
		if got := ansi.Strip(bar(c.share, c.verdict, s, 10)); got != c.want {
			t.Errorf("%v %s: %q, want %q", c.share, c.verdict, got, c.want)
		}
	}
}
