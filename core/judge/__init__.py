"""The online judge: an OS sandbox per compile and run, and the languages it speaks."""
