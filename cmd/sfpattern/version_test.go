package main

import (
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/sfpattern/sfpattern/internal/shipped"
)

// TestVersionFlag: --version names the build, the knowledge base's version and the Salesforce
// release (with its API version) the limits were read from.
func TestVersionFlag(t *testing.T) {
	k := shipped.Catalog(t).Knowledge
	for _, flag := range []string{"--version", "-v"} {
		code, out, errOut := runCmd(t, "", flag)
		want := "sfpattern version devel · content version " + k.Version + ", limits from " + releaseWords(k.LimitsRelease) + "\n"
		if code != 0 || out != want {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %q", flag, code, out, errOut, want)
		}
	}
	if !regexp.MustCompile(`^(Spring|Summer|Winter) '\d\d \(API \d+\.\d\)$`).MatchString(k.LimitsRelease) {
		t.Errorf("limits_release %q does not name a release and its API version", k.LimitsRelease)
	}
}

func TestReadBuild(t *testing.T) {
	stamped := &debug.BuildInfo{
		Main: debug.Module{Version: "v0.0.0-20261201093000-38bb985abcde+dirty"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "38bb985abcdef0123456789"},
			{Key: "vcs.modified", Value: "true"},
			{Key: "vcs.time", Value: "2026-12-01T09:30:00Z"},
		},
	}
	clean := &debug.BuildInfo{
		Main:     debug.Module{Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abc"}, {Key: "vcs.modified", Value: "false"}},
	}
	for _, c := range []struct {
		name, ldflags string
		info          *debug.BuildInfo
		want          string
	}{
		{"no build info", "", nil, "devel"},
		{"linker flag", "v0.4.0", nil, "v0.4.0"},
		{"linker flag over the stamp", "v0.4.0", stamped, "v0.4.0 (commit 38bb985, modified)"},
		{"toolchain stamp", "", stamped, "v0.0.0-20261201093000-38bb985abcde+dirty (commit 38bb985, modified)"},
		{"built from a clean checkout", "", clean, "devel (commit 0123abc)"},
		{"go install of a release", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
	} {
		if got := readBuild(c.ldflags, c.info).String(); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if when, ok := readBuild("", stamped).time(); !ok || !when.Equal(time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("commit time %v, %v", when, ok)
	}
	if _, ok := readBuild("", clean).time(); ok {
		t.Error("a time without a stamp")
	}
}

func TestVersionTextWithoutKnowledge(t *testing.T) {
	if got := versionText(buildInfo{version: "v1.0.0"}, nil); strings.Contains(got, "content") || got != "v1.0.0" {
		t.Errorf("%q", got)
	}
}

// TestReleaseWords: the release reads as a sentence goes on, and a release spelt otherwise is
// left as it is.
func TestReleaseWords(t *testing.T) {
	for in, want := range map[string]string{
		"Summer '26 (API 67.0)": "Summer '26, API 67.0",
		"Winter '27 (API 68.0)": "Winter '27, API 68.0",
		"Summer '26":            "Summer '26",
		"Summer '26 (API 67.0":  "Summer '26 (API 67.0",
		"Spring (API (x))":      "Spring (API (x))",
	} {
		if got := releaseWords(in); got != want {
			t.Errorf("releaseWords(%q) = %q, want %q", in, got, want)
		}
	}
}
