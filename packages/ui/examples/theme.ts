import { createTheme } from '@metal/ui'

const theme = createTheme('#0b57d0') // { seed, light, dark, toCss(selector = ':root') }
const style = document.createElement('style')
style.textContent = theme.toCss()
document.head.append(style)
