package config

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// post_aliases gives every blog post the address a generator the blog
// moved from gave it, as an alias that redirects to where folio puts it:
// Jekyll's permalink setting of _config.yml, such as
// /:year/:month/:day/:title.html (the Rust blog) or its styles date,
// pretty and none. A post's own permalink: (front matter) is read apart.

// postAliasStyles are Jekyll's named permalink styles.
var postAliasStyles = map[string]string{
	"date":   "/:categories/:year/:month/:day/:title:output_ext",
	"pretty": "/:categories/:year/:month/:day/:title/",
	"none":   "/:categories/:title:output_ext",
}

var postPlaceholder = regexp.MustCompile(`:([a-z_]+)`)

// postPlaceholders are the placeholders PostAlias fills in.
var postPlaceholders = map[string]bool{"year": true, "month": true, "day": true, "i_month": true, "i_day": true,
	"short_year": true, "title": true, "slug": true, "categories": true, "output_ext": true}

// checkPostAliases reports a post_aliases that is no pattern of a path.
func checkPostAliases(v *yaml.Node) []error {
	pattern, ok := postAliasStyles[v.Value]
	if !ok {
		pattern = v.Value
	}
	if v.Kind != yaml.ScalarNode || !strings.HasPrefix(pattern, "/") {
		return []error{fmt.Errorf("%s:%d: post_aliases must be the pattern of the addresses posts had, from the site's root, such as /:year/:month/:day/:title.html, or one of date, pretty, none", FileName, v.Line)}
	}
	var unknown []string
	for _, m := range postPlaceholder.FindAllStringSubmatch(pattern, -1) {
		if !postPlaceholders[m[1]] {
			unknown = append(unknown, ":"+m[1])
		}
	}
	if len(unknown) > 0 {
		known := make([]string, 0, len(postPlaceholders))
		for k := range postPlaceholders {
			known = append(known, ":"+k)
		}
		sort.Strings(known)
		return []error{fmt.Errorf("%s:%d: post_aliases has %s, which folio does not fill in; it fills in %s", FileName, v.Line, strings.Join(unknown, ", "), strings.Join(known, ", "))}
	}
	return nil
}

// PostAlias is the address the pattern of post_aliases gives a post of
// that date, title (its file name without the day) and categories, made
// a path as aliases are ("/2015/02/13/final.html", "/news/2016/04/19/x/").
func PostAlias(pattern string, date time.Time, title string, categories []string) string {
	if style, ok := postAliasStyles[pattern]; ok {
		pattern = style
	}
	cats := make([]string, len(categories))
	for i, c := range categories {
		cats[i] = strings.ToLower(c)
	}
	values := map[string]string{"year": date.Format("2006"), "month": date.Format("01"), "day": date.Format("02"),
		"i_month": date.Format("1"), "i_day": date.Format("2"), "short_year": date.Format("06"),
		"title": title, "slug": title, "categories": strings.Join(cats, "/"), "output_ext": ".html"}
	p := postPlaceholder.ReplaceAllStringFunc(pattern, func(m string) string { return values[m[1:]] })
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	if !strings.HasSuffix(p, "/") && !strings.HasSuffix(p, ".html") {
		p += "/"
	}
	return p
}
