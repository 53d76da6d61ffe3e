//go:build !linux

package main

// exchange has no atomic form outside Linux: swapIn renames aside, then in.
func exchange(a, b string) error { return errNoExchange }
