package foreigncode

import (
	"fmt"
	"path"
	"strings"
)

// advice names the kind of template code tag is (the key a page counts
// it under) and says what to write instead; a closing tag ("" key) is
// counted with its opening one.
func advice(tag string, m []int, joined []byte, defined map[string]bool) (key, msg string) {
	group := func(g int) string {
		if m[2*g] < 0 {
			return ""
		}
		return string(joined[m[2*g]:m[2*g+1]])
	}
	shown := strings.Join(strings.Fields(tag), " ")
	switch name := group(1); {
	case strings.HasPrefix(name, "/"):
		return "", ""
	case name != "":
		return "shortcode " + name, fmt.Sprintf("Hugo shortcode %s is not run: folio has no shortcodes, so it shows on the page as written; %s", shown, shortcodeFix(name))
	}
	switch name := group(2); {
	case strings.HasPrefix(name, "end"):
		return "", ""
	case name != "":
		return "liquid " + name, fmt.Sprintf("Liquid tag %s is not run: folio has no Liquid, so it shows on the page as written; %s", shown, liquidFix(name, tagArgument(shown)))
	}
	if name := group(4); name != "" {
		return "mdbook " + name, mdBookAdvice(shown)
	}
	name := group(3)
	args := strings.TrimLeft(string(joined[m[7]:m[1]]), " \t\n")
	switch {
	case !templateCode(name, args, defined):
		return "", ""
	case !strings.HasPrefix(args, "|") && !strings.HasPrefix(args, "-}}") && args != "}}":
		return "call " + name, fmt.Sprintf("template code %s is not run: folio runs no templates in Markdown, so it shows on the page as written; %s", shown, callFix(name))
	}
	if quoted := strings.HasPrefix(name, `"`) || strings.HasPrefix(name, "'"); quoted && !strings.HasPrefix(args, "|") {
		// A literal alone: the Go blog writes {{" < "}} for a < that its
		// Markdown would take for HTML.
		return "output " + name, fmt.Sprintf("template output %s is not filled in: folio runs no templates in Markdown, so it shows on the page as written; write the text it stands for, %s, instead", shown, strings.TrimSpace(name[1:len(name)-1]))
	}
	return "output " + name, fmt.Sprintf("Liquid output %s is not filled in: folio has no Liquid, so it shows on the page as written; write out its value", shown)
}

// templateCode tells {{ name ... }} that a generator runs in Markdown
// from the same braces in prose about templates. Run are Jekyll's Liquid
// output, whose name is a path or a literal ({{ site.repository }},
// {{ page.title }}), which has a filter ({{ '/docs/' | relative_url }}),
// or whose bare name a Liquid tag of the same text defines ({% for issue
// in ... %} [#{{ issue }}]...), and calls with arguments, such as the Go
// website's ({{image "x.png"}}, {{range newest (pages "/blog/*.md") -}}
// on its index). Any other bare name is prose: Hugo runs no template code
// in content and shows it as written, as folio does, and its release
// notes say "{{ in }} should work with html.Template type"; a Go
// template's {{ end }} or {{ else }} alone is text about templates. (A
// Liquid loop in a paragraph of its own has its tag reported already.)
func templateCode(name, args string, defined map[string]bool) bool {
	if args == "}}" || strings.HasPrefix(args, "-}}") {
		return strings.ContainsAny(name, `.["'`) || defined[name]
	}
	return true
}

// tagArgument is the first word after a tag's name: the language of
// {% highlight ruby %}, the post of {% post_url 2015-05-15-name %}.
func tagArgument(shown string) string {
	f := strings.Fields(strings.Trim(shown, "{%}<>- "))
	if len(f) < 2 {
		return ""
	}
	return strings.Trim(f[1], `"'`)
}

func liquidFix(name, arg string) string {
	switch name {
	case "highlight":
		return fmt.Sprintf("write the code as a fenced block, ```%s on the line before it and ``` on the line after, instead of {%% highlight %%} ... {%% endhighlight %%}", arg)
	case "raw":
		return "remove {% raw %} and {% endraw %}: folio shows {{ }} as written anyway"
	case "post_url", "link":
		file := strings.TrimSuffix(strings.TrimSuffix(path.Base(arg), ".markdown"), ".md") + ".md"
		return fmt.Sprintf("link to the Markdown file instead, relative to this page: [text](%s) for a post beside this one", file)
	case "include", "include_relative":
		return "folio has no includes: write what it held into the page, or into a layout"
	}
	return "write out what it made, in Markdown"
}

// callFix says what to write instead of a template call such as the Go
// website's {{image "x.png"}} and {{code "x.go"}}.
func callFix(name string) string {
	switch name {
	case "image", "img":
		return "write the image in Markdown, ![alt](path)"
	case "code", "play", "include":
		return "write the code as a fenced block, with the file's lines pasted in"
	case "raw":
		return "write the HTML it holds as raw HTML"
	case "video", "youtube":
		return "link to the video instead"
	}
	return "write out what it made, in Markdown"
}

func shortcodeFix(name string) string {
	switch name {
	case "figure":
		return `write the image in Markdown with its caption as the title, ![alt](src "caption"), which folio makes a figure`
	case "ref", "relref":
		return "link to the Markdown file instead, relative to this page"
	case "highlight", "code":
		return "write the code as a fenced block (```go on the line before it, ``` on the line after)"
	case "youtube", "vimeo", "tweet", "x", "gist", "instagram":
		return "link to it instead"
	}
	return "write what it made in Markdown or raw HTML"
}
