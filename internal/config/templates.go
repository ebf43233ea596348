package config

import (
	"fmt"
	"net/url"
	"strings"

	"gopkg.in/yaml.v3"
)

// checkShape reports, with their lines, the values of the settings for
// templates (params, menu, edit_url) that have the wrong shape, which
// decoding alone would report without a line or not at all.
func checkShape(key string, v *yaml.Node) []error {
	switch key {
	case "params":
		if v.Kind != yaml.MappingNode && v.Tag != "!!null" {
			return []error{fmt.Errorf("%s:%d: params must be a mapping of your own keys to values, such as\nparams:\n  repository: https://github.com/you/site", FileName, v.Line)}
		}
	case "menu":
		return checkMenu(v)
	case "edit_url":
		return checkEditURL(v)
	case "post_aliases":
		return checkPostAliases(v)
	}
	return nil
}

func checkMenu(v *yaml.Node) []error {
	if v.Kind != yaml.SequenceNode {
		if v.Tag == "!!null" {
			return nil
		}
		return []error{fmt.Errorf("%s:%d: menu must be a list of links, such as\nmenu:\n  - title: Book\n    url: /book/", FileName, v.Line)}
	}
	var errs []error
	for _, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			errs = append(errs, fmt.Errorf("%s:%d: a menu entry needs title: and url: (- title: About, then url: /about/ below it)", FileName, item.Line))
			continue
		}
		has := map[string]bool{}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, val := item.Content[i], item.Content[i+1]
			if k.Value != "title" && k.Value != "url" {
				errs = append(errs, fmt.Errorf("%s:%d: unknown menu key %q; a menu entry takes title and url", FileName, k.Line, k.Value))
				continue
			}
			if val.Kind != yaml.ScalarNode || strings.TrimSpace(val.Value) == "" {
				errs = append(errs, fmt.Errorf("%s:%d: menu %s must be a text", FileName, k.Line, k.Value))
			}
			has[k.Value] = true
		}
		for _, k := range []string{"title", "url"} {
			if !has[k] {
				errs = append(errs, fmt.Errorf("%s:%d: menu entry has no %s; give it both a title: and a url: key", FileName, item.Line, k))
			}
		}
	}
	return errs
}

func checkEditURL(v *yaml.Node) []error {
	if v.Tag == "!!null" || v.Value == "" {
		return nil
	}
	u, err := url.Parse(strings.ReplaceAll(v.Value, EditPlaceholder, "x"))
	if v.Kind != yaml.ScalarNode || err != nil || u.Scheme == "" || u.Host == "" {
		return []error{fmt.Errorf("%s:%d: edit_url must be an absolute URL with %s where the source path goes, such as https://github.com/you/site/edit/main/%s", FileName, v.Line, EditPlaceholder, EditPlaceholder)}
	}
	if !strings.Contains(v.Value, EditPlaceholder) {
		return []error{fmt.Errorf("%s:%d: edit_url has no %s; write it where the page's source path goes, such as https://github.com/you/site/edit/main/%s", FileName, v.Line, EditPlaceholder, EditPlaceholder)}
	}
	return nil
}

// EditLink is the address for editing the source file (a slash path from
// the site folder), or "" when the site has no edit_url. The path is
// escaped segment by segment, so a space or a # in a file name survives.
func (c *Config) EditLink(file string) string {
	if c.EditURL == "" || file == "" {
		return ""
	}
	segs := strings.Split(file, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.ReplaceAll(c.EditURL, EditPlaceholder, strings.Join(segs, "/"))
}
