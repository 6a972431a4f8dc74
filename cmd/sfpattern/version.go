package main

import (
	"runtime/debug"
	"strings"
	"time"

	"github.com/sfpattern/sfpattern/rules"
)

// version is set at build time with -ldflags "-X main.version=…"; without it the version is
// the one the Go toolchain stamped in the binary (see buildInfo).
var version = ""

// shortCommit is how many hex digits of a commit the version shows, as git log --oneline does.
const shortCommit = 7

// buildInfo is what the binary knows of its own build.
type buildInfo struct {
	version  string    // a release (v0.4.0), a pseudo-version from the toolchain, or "devel"
	revision string    // the commit, when the toolchain stamped one
	modified bool      // the work tree had changes the commit does not hold
	when     time.Time // the commit's time; zero when unknown
}

// build reads the build from the linker flag and the toolchain's stamp.
func build() buildInfo {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return readBuild(version, info)
}

// readBuild is build from its two sources: a version given by the linker wins over the
// module's; the commit, its time and whether the tree was modified come from the VCS stamp
// (go build stamps them when it builds inside a git checkout).
func readBuild(ldflags string, info *debug.BuildInfo) buildInfo {
	b := buildInfo{version: ldflags}
	if info == nil {
		return b.orDevel()
	}
	if b.version == "" && info.Main.Version != "(devel)" {
		b.version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.revision = s.Value
		case "vcs.modified":
			b.modified = s.Value == "true"
		case "vcs.time":
			b.when, _ = time.Parse(time.RFC3339, s.Value) // a zero time says unknown
		}
	}
	return b.orDevel()
}

// orDevel names a build nobody gave a version: one from source, outside a release.
func (b buildInfo) orDevel() buildInfo {
	if b.version == "" {
		b.version = "devel"
	}
	return b
}

// String is the build as --version shows it: "v0.4.0 (commit 38bb985, modified)".
func (b buildInfo) String() string {
	var notes []string
	if b.revision != "" {
		notes = append(notes, "commit "+b.revision[:min(len(b.revision), shortCommit)])
	}
	if b.modified {
		notes = append(notes, "modified")
	}
	if len(notes) == 0 {
		return b.version
	}
	return b.version + " (" + strings.Join(notes, ", ") + ")"
}

// time is when the commit was made, when the binary knows.
func (b buildInfo) time() (time.Time, bool) { return b.when, !b.when.IsZero() }

// versionText is what --version prints after "sfpattern version": the build, then the
// knowledge base the advice comes from, since two builds of one commit can differ in nothing
// else and an architect quoting advice needs to say which Salesforce release it was read from.
func versionText(b buildInfo, k *rules.Knowledge) string {
	if k == nil {
		return b.String()
	}
	return b.String() + " · content version " + k.Version + ", limits from " + releaseWords(k.LimitsRelease)
}

// releaseWords writes the knowledge base's release as a sentence goes on: "Summer '26 (API
// 67.0)" becomes "Summer '26, API 67.0"; any other spelling is kept as it is.
func releaseWords(release string) string {
	name, api, ok := strings.Cut(release, " (API ")
	if !ok || !strings.HasSuffix(api, ")") || strings.ContainsAny(api[:len(api)-1], "()") {
		return release
	}
	return name + ", API " + strings.TrimSuffix(api, ")")
}
