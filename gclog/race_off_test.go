//go:build !race

package gclog

const raceBuild = false
