import '../../components/ui.css';
import { render } from 'preact';
import { extensionOptionsApi } from '../../components/options/options-api';
import { OptionsApp } from '../../components/options/OptionsApp';

render(<OptionsApp api={extensionOptionsApi()} />, document.getElementById('app')!);
