"""Output: plan and apply the changes to docs/ (never a hand-written file), checks that read
docs/, and the no-change fast path of the command."""
