package advisor

import (
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
)

// TestDarkFromCOLORFGBG: the background is COLORFGBG's last field; 0–6 and 8 are dark, 7 and
// 9–15 light, anything unreadable is dark.
func TestDarkFromCOLORFGBG(t *testing.T) {
	for _, c := range []struct {
		v    string
		dark bool
	}{
		{"", true}, {"15;0", true}, {"0;15", false}, {"0;7", false}, {"15;8", true}, {"7;6", true},
		{"0;9", false}, {"15;default;0", true}, {"0;default;15", false}, {"12;default;7", false},
		{"0;default", true}, {"default;default", true}, {"0;16", true}, {"0;-1", true}, {"15", true},
		{"0; 15", true}, {"rgb:0000/0000/0000", true},
	} {
		if got := darkFromCOLORFGBG(c.v); got != c.dark {
			t.Errorf("COLORFGBG=%q: dark %v, want %v", c.v, got, c.dark)
		}
	}
}

// TestStartsFromCOLORFGBG: before the terminal answers the colour query the model uses the
// styles COLORFGBG asks for, and dark ones without it.
func TestStartsFromCOLORFGBG(t *testing.T) {
	c := shipped.Catalog(t)
	for v, dark := range map[string]bool{"0;15": false, "15;0": true, "": true} {
		t.Setenv("COLORFGBG", v)
		if m := newModel(Options{Catalog: c}); m.styles.isDark != dark {
			t.Errorf("COLORFGBG=%q: the first frame is dark %v, want %v", v, m.styles.isDark, dark)
		}
	}
}
