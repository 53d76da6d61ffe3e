package main

import "errors"

// errNoExchange means the system cannot swap two folders in one step.
var errNoExchange = errors.New("no atomic exchange of folders here")

// errLocked means another process holds the lock of a run folder.
var errLocked = errors.New("locked")

// exchangeDirs is exchange; tests replace it to take the path of systems
// without an atomic exchange.
var exchangeDirs = exchange
