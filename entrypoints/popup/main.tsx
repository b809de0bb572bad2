import { render } from 'preact';
render(<p>Provenant</p>, document.getElementById('app')!);
