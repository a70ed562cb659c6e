import { Component, type ReactNode } from 'react'
import type { MetalError } from '@metal/core'

/** Shows `code: message` of the error thrown below it. */
export class ErrorBoundary extends Component<{ children?: ReactNode }, { error?: MetalError }> {
  override state: { error?: MetalError } = {}
  static getDerivedStateFromError(error: MetalError) {
    return { error }
  }
  override render() {
    const { error } = this.state
    return error ? <p>{`${error.code}: ${error.message}`}</p> : this.props.children
  }
}
