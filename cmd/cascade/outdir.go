package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// outputFile is one file of a run's output, fully rendered in memory.
type outputFile struct {
	name string
	data []byte
}

// errInterrupted is returned by outDir.commit after a signal has removed
// the temporary folder.
var errInterrupted = errors.New("interrupted")

// outDir writes a run folder whole or not at all. prepare, before the run,
// locks the folder, checks that it may be replaced and creates a temporary
// folder beside it; write puts the files in the temporary folder; commit
// puts it in place in one step (exchanging it with a previous folder,
// then removing the previous one). release, on every exit, removes what is
// left of the temporary folder and unlocks. A previous folder is untouched
// until commit, so any failure before leaves it byte for byte.
type outDir struct {
	final  string // the folder --out names, absolute
	parent string
	name   string
	lock   *os.File

	// wrap, if not nil, wraps each file's writer (tests).
	wrap func(name string, w io.Writer) io.Writer

	mu        sync.Mutex
	tmp       string // the temporary folder; "" once committed or removed
	committed bool
	aborted   bool
}

// lockName is the lock file beside a run folder named name.
func lockName(name string) string { return "." + name + ".lock" }

// prepare checks that out can be created or replaced whole, locks it and
// creates the temporary folder, all before anything is simulated.
func (o *outDir) prepare(out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("--out %s: %w", out, err)
	}
	o.final = abs
	o.parent, o.name = filepath.Dir(abs), filepath.Base(abs)
	if o.parent == abs {
		return fmt.Errorf("--out %s: the root folder cannot be a run folder", out)
	}
	if cwd, err := os.Getwd(); err == nil && (cwd == abs || strings.HasPrefix(cwd, abs+string(filepath.Separator))) {
		return fmt.Errorf("--out %s is the current folder or holds it: a run folder is replaced whole; give a folder inside it, e.g. --out out/run", out)
	}
	// Check before creating anything (the lock file), and again once locked.
	if err := replaceable(abs, out); err != nil {
		return err
	}
	if err := os.MkdirAll(o.parent, 0o755); err != nil {
		return fmt.Errorf("--out %s: creating its parent folder: %w", out, err)
	}
	lock, err := os.OpenFile(filepath.Join(o.parent, lockName(o.name)), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("--out %s: cannot write in %s: %w", out, o.parent, err)
	}
	if err := lockFile(lock); err != nil {
		lock.Close()
		if errors.Is(err, errLocked) {
			return fmt.Errorf("--out %s: another cascade run is writing this folder (it holds %s)", out, lock.Name())
		}
		return fmt.Errorf("--out %s: locking %s: %w", out, lock.Name(), err)
	}
	o.lock = lock
	if err := replaceable(abs, out); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(o.parent, "."+o.name+".tmp-")
	if err != nil {
		return fmt.Errorf("--out %s: cannot write in %s: %w", out, o.parent, err)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.aborted { // a signal came while preparing
		os.Remove(tmp)
		return errInterrupted
	}
	o.tmp = tmp
	return nil
}

// replaceable checks that the folder at abs may be replaced: it does not
// exist, or it is an empty folder, or a run folder cascade wrote (it has a
// run.json of cascade's) that can be removed.
func replaceable(abs, out string) error {
	st, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("--out %s: %w", out, err)
	case st.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("--out %s is a symbolic link: a run folder is replaced whole, so give the folder itself", out)
	case !st.IsDir():
		return fmt.Errorf("--out %s is a file, not a folder", out)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return fmt.Errorf("--out %s: %w", out, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if !isRunFolder(abs) {
		return fmt.Errorf("--out %s holds files cascade did not write (it has no run.json of cascade's): "+
			"a run folder is replaced whole, so cascade replaces only folders it wrote, or empty ones; give a new folder", out)
	}
	if err := writable(abs); err != nil {
		return fmt.Errorf("--out %s cannot be replaced: the folder is not writable (%w)", out, err)
	}
	return nil
}

// isRunFolder reports whether dir holds a run.json (or, for a comparison,
// a compare.json) that cascade wrote.
func isRunFolder(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, runFile))
	if err != nil {
		if b, err = os.ReadFile(filepath.Join(dir, compareFile)); err != nil {
			return false
		}
	}
	var r struct {
		Tool   string `json:"tool"`
		Format int    `json:"format"`
	}
	return json.Unmarshal(b, &r) == nil && r.Tool == toolName && r.Format >= 1
}

// write writes every file into the temporary folder, each synced, and
// calls after(name) once each is written.
func (o *outDir) write(files []outputFile, after func(name string)) error {
	o.mu.Lock()
	tmp := o.tmp
	o.mu.Unlock()
	if tmp == "" {
		return errInterrupted
	}
	for _, f := range files {
		if err := o.writeFile(filepath.Join(tmp, f.name), f); err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Join(o.final, f.name), err)
		}
		after(f.name)
	}
	return syncDir(tmp)
}

func (o *outDir) writeFile(path string, f outputFile) error {
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	var w io.Writer = file
	if o.wrap != nil {
		w = o.wrap(f.name, file)
	}
	if _, err := w.Write(f.data); err != nil {
		file.Close()
		return err
	}
	if err := file.Sync(); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}

// commit puts the temporary folder in place of the final one in one step
// and removes the previous folder. It holds the lock that a signal's
// cleanup takes, so a signal sees the folder before or after, never
// between.
func (o *outDir) commit() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.aborted || o.tmp == "" {
		return errInterrupted
	}
	if err := os.Chmod(o.tmp, 0o755); err != nil {
		return fmt.Errorf("writing %s: %w", o.final, err)
	}
	old, err := swapIn(o.tmp, o.final)
	if err != nil {
		return fmt.Errorf("putting %s in place: %w", o.final, err)
	}
	o.tmp, o.committed = "", true
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("the run is in %s, but removing the previous run folder, now at %s, failed: %w", o.final, old, err)
		}
	}
	return syncDir(o.parent)
}

// swapIn puts the folder tmp at final in one step. If final existed, it
// returns where the previous folder now is (to be removed). On Linux
// renameat2(RENAME_EXCHANGE) swaps the two; elsewhere, or on a file system
// without it, the previous folder is renamed aside, tmp renamed in, and
// the previous folder put back if that fails.
func swapIn(tmp, final string) (old string, err error) {
	if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(tmp, final)
	}
	switch err := exchangeDirs(tmp, final); {
	case err == nil:
		return tmp, nil
	case !errors.Is(err, errNoExchange):
		return "", err
	}
	aside := tmp + ".old"
	if err := os.Rename(final, aside); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, final); err != nil {
		if back := os.Rename(aside, final); back != nil {
			return "", fmt.Errorf("%w; and putting the previous folder back from %s: %v", err, aside, back)
		}
		return "", err
	}
	return aside, nil
}

// abort removes the temporary folder, unless the run was committed; after
// it commit fails. It reports whether the run folder had been put in place.
func (o *outDir) abort() (committed bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.aborted = true
	if o.tmp != "" {
		os.RemoveAll(o.tmp)
		o.tmp = ""
	}
	return o.committed
}

// release removes what is left of the temporary folder and unlocks.
func (o *outDir) release() {
	o.abort()
	if o.lock != nil {
		unlockFile(o.lock)
		o.lock.Close()
		o.lock = nil
	}
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) && !isEINVAL(err) {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}
