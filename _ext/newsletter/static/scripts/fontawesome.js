/* Font Awesome is not loaded: the icons are CSS masks in icons.css (see the
   newsletter extension, compat/theme.py). */
