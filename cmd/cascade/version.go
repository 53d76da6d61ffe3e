package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// buildInfo is what the binary knows of where it came from.
type buildInfo struct {
	// Version is the module version ("(devel)" for a build from a work
	// tree, "v1.2.3" for go install ...@v1.2.3).
	Version string `json:"version"`
	// Revision is the VCS commit the binary was built from, Modified true if
	// the work tree had changes, Time the commit's time; empty when the
	// build had no VCS information (go build -buildvcs=false, go test).
	Revision string `json:"revision,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Time     string `json:"vcs_time,omitempty"`
	// Go is the Go version, OS and Arch the target.
	Go   string `json:"go"`
	OS   string `json:"os"`
	Arch string `json:"arch"`
}

// readBuildInfo reads the binary's build information.
func readBuildInfo() buildInfo {
	b := buildInfo{Version: "(unknown)", Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if bi.Main.Version != "" {
		b.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		case "vcs.time":
			b.Time = s.Value
		}
	}
	return b
}

// versionString is the one-line version: module version, revision, Go
// version and target.
func versionString() string {
	b := readBuildInfo()
	rev := b.Revision
	switch {
	case rev == "":
		rev = "no VCS revision"
	case b.Modified:
		rev += ", modified"
	}
	return fmt.Sprintf("%s (%s) %s %s/%s", b.Version, rev, b.Go, b.OS, b.Arch)
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version, VCS revision, Go version and target",
		Long: `Prints the module version and VCS revision the binary was built from (from
its build information), the Go version and the target OS/arch. The same as
cascade --version.`,
		Example: "  cascade version",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(a.stdout, "cascade %s\n", versionString())
			return nil
		},
	}
}
