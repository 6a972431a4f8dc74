// Package config resolves sfpattern's project configuration: where decision records go (and
// where `check` reads them), the defaults of a record's front matter (status, decision makers,
// consulted, informed), defaults for the answers, an organisation's rule files, and its org
// (purchased add-ons, a snapshot of its limits).
//
// Each setting comes from the first source that gives it:
//
//  1. the command line (the caller passes the flags that were set),
//  2. SFPATTERN_* environment variables,
//  3. the project's .sfpattern.yaml, the first one found walking up from the working directory
//     to the repository root (the first directory holding .git, a file or a folder) or, outside
//     a repository, to the filesystem root,
//  4. the user's config.yaml in $XDG_CONFIG_HOME/sfpattern (else os.UserConfigDir's sfpattern),
//  5. sfpattern's own default.
//
// Three settings combine with their flags instead of giving way: the flags' rule files are
// added after the configuration's, and an add-on flag replaces the configured amount of its
// limit only (a flag's snapshot replaces the configured one, like any setting). The answers
// defaults go field by field, the project's file before the user's; they are kept as YAML until
// the question set, loaded with the configured rules, can check them (Defaults.Answers), and an
// answers file's own values and --set beat them.
//
// When no source names the decisions folder, the project root decides: the folder named by its
// .adr-dir (adr-tools' convention), else an existing docs/decisions, else an existing docs/adr,
// else docs/decisions. Without any configuration the result is what sfpattern always did.
// Every value remembers where it came from (Origin), for `sfpattern config`.
//
// A configuration file is read as untrusted input, like every file sfpattern reads: at most
// 1 MiB, one YAML document, unknown keys and wrong types refused at their line, names and paths
// holding control, bidi or zero-width characters refused, and rule files or snapshots that are
// not there refused at their line. Every problem is a rules.Problem, so a command reports them
// all at once as bad input.
package config
