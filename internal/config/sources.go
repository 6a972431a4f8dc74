package config

import (
	"os"
	"path/filepath"

	"github.com/sfpattern/sfpattern/rules"
)

// userConfigFile is the user's configuration: $XDG_CONFIG_HOME/sfpattern/config.yaml when that
// variable holds an absolute path (on every platform, as people who set it expect), else
// os.UserConfigDir's sfpattern/config.yaml (~/.config on Linux, ~/Library/Application Support
// on macOS, %AppData% on Windows); "" when there is no home to find it in.
func userConfigFile() string {
	xdg := os.Getenv("XDG_CONFIG_HOME")
	if filepath.IsAbs(xdg) {
		return filepath.Join(xdg, "sfpattern", "config.yaml")
	}
	dir, err := os.UserConfigDir()
	if err != nil && xdg != "" { // a relative XDG_CONFIG_HOME, which the XDG specification says to ignore
		var home string
		if home, err = os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, ".config")
		}
	}
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "sfpattern", "config.yaml")
}

// readConfig reads the configuration file at path, when there is one, and places a relative
// decisions_dir in the file's folder, written as the user would type it from here.
func (p project) readConfig(path string) (Settings, rules.Problems) {
	if path == "" {
		return Settings{}, nil
	}
	name := p.display(path)
	data, found, err := readRegular(path, name, rules.MaxFileSize)
	if err != nil {
		return Settings{}, problems(name, err)
	}
	if !found {
		return Settings{}, nil
	}
	s, err := parse(name, data)
	if err != nil {
		return Settings{}, problems(name, err)
	}
	if s.DecisionsDir != nil {
		dir := p.display(inFolder(filepath.Dir(path), *s.DecisionsDir))
		s.DecisionsDir = &dir
	}
	return s, nil
}

// inFolder resolves path against dir unless it is absolute already.
func inFolder(dir, path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(dir, path)
}

// problems returns err as rules.Problems, naming file when err is not one already.
func problems(file string, err error) rules.Problems {
	if ps := rules.AsProblems(err); ps != nil {
		return ps
	}
	return rules.Problems{{File: file, Msg: err.Error()}}
}
