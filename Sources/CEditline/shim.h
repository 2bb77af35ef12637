#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>

/* Swift 6 refuses direct access to imported mutable C globals; these setters keep it explicit. */
static inline void ce_set_readline_name(const char *name) { rl_readline_name = (char *)name; }
static inline void ce_set_completion_entry_function(rl_compentry_func_t *fn) { rl_completion_entry_function = fn; }
static inline void ce_set_completion_append_character(int c) { rl_completion_append_character = c; }
static inline const char *ce_line_buffer(void) { return rl_line_buffer; }
/* The cursor's byte offset in rl_line_buffer; as fresh as rl_line_buffer (see there). */
static inline int ce_point(void) { return rl_point; }
/* Set from a key function (rl_add_defun) to end readline() at once; readline() then returns NULL. */
static inline void ce_set_done(int done) { rl_done = done; }
/* Read once, by rl_initialize(): 0 keeps libedit from installing its signal handlers around each line
   (its SIGWINCH handler resizes the display, freeing memory, inside the handler). */
static inline void ce_set_catch_signals(int on) { rl_catch_signals = on; rl_catch_sigwinch = on; }
/* Must be set before rl_initialize(), which only then routes key reads through it. */
static inline void ce_set_getc_function(int (*fn)(FILE *)) { rl_getc_function = fn; }
/* Tab completes the whole line to a whole answer ("Not s" -> "Not sure"): no word breaks, and an
   attempted-completion function, without which libedit escapes the spaces in matches ("Not\ sure"). */
static inline void ce_complete_whole_lines(rl_completion_func_t *fn) {
    rl_basic_word_break_characters = "";
    rl_attempted_completion_function = fn;
}

#endif
