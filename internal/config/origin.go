package config

import "strconv"

// The kinds of source a setting can come from, as `sfpattern config` names them.
const (
	// KindFlag is a command-line flag.
	KindFlag = "flag"
	// KindEnv is an SFPATTERN_* environment variable.
	KindEnv = "env"
	// KindFile is a configuration file, the project's or the user's.
	KindFile = "file"
	// KindConvention is a folder found by the decision folder conventions (.adr-dir, an
	// existing docs/decisions or docs/adr).
	KindConvention = "convention"
	// KindDefault is sfpattern's own default: nothing configured the setting.
	KindDefault = "default"
)

// Origin says where a setting's value came from, so that `sfpattern config` can show it and a
// problem found later (a default the question set refuses) can name the place.
type Origin struct {
	// Kind is one of the Kind constants.
	Kind string `json:"kind"`
	// Name is the flag (--status), the variable (SFPATTERN_STATUS), the file as the user would
	// type it from the working directory, or what the convention found; "" for a default.
	Name string `json:"name,omitempty"`
	// Line is the line in a file, 0 when the whole source gave it.
	Line int `json:"line,omitempty"`
}

// String is the origin as a person reads it: --status, SFPATTERN_STATUS, .sfpattern.yaml:3,
// default.
func (o Origin) String() string {
	switch {
	case o.Kind == KindDefault:
		return KindDefault
	case o.Kind == KindConvention:
		return "convention: " + o.Name
	case o.Line > 0:
		return o.Name + ":" + strconv.Itoa(o.Line)
	}
	return o.Name
}

// origins records where each setting of one source came from: a key, or a key and an item's
// index for a list whose items carry their own lines.
type origins map[string]Origin

// item is the origins key of a list's item.
func item(key string, i int) string { return key + "[" + strconv.Itoa(i) + "]" }
