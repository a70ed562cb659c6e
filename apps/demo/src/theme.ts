import { useEffect, useState } from 'react'

export type ThemeName = 'light' | 'dark'
const KEY = 'metal-demo:theme'

function initialTheme(): ThemeName {
  const stored = localStorage.getItem(KEY)
  if (stored === 'light' || stored === 'dark') return stored
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

/** The colour scheme, set as `data-metal-theme` on `<html>` and remembered across visits. */
export function useTheme(): [ThemeName, (theme: ThemeName) => void] {
  const [theme, setTheme] = useState(initialTheme)
  useEffect(() => {
    document.documentElement.dataset.metalTheme = theme
    localStorage.setItem(KEY, theme)
  }, [theme])
  return [theme, setTheme]
}
